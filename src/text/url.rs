//! URLs: which links can become entities, and the key under which two URLs are the same.

/// An absolute `http(s)` URL: the only links that become entities.
pub fn is_web(url: &str) -> bool {
    // `http://` or `https://` in any ASCII case, and something after it.
    let b = url.as_bytes();
    if b.get(..8).is_some_and(|p| p.eq_ignore_ascii_case(b"https://")) {
        return b.len() > 8;
    }
    b.get(..7).is_some_and(|p| p.eq_ignore_ascii_case(b"http://")) && b.len() > 7
}

/// Normalizes a URL into a key: scheme dropped (`http` = `https`), host lower-cased without
/// `www.` or default port, fragment and tracking parameters removed, trailing `/` and
/// `index.html` removed, GitHub-like `owner/repo` lower-cased.
///
/// ```
/// use talkgraph::text::url_key;
/// assert_eq!(url_key("HTTP://www.Example.org:80/a/index.html?utm_source=x#top"), "example.org/a");
/// assert_eq!(url_key("https://github.com/Clearbox-AI/NERPII.git"), "github.com/clearbox-ai/nerpii");
/// ```
pub fn url_key(url: &str) -> String {
    let url = url.trim();
    // `http://` and `https://` read directly (a search for `://` was a fifth of the cost).
    let prefix = |p: &str| url.as_bytes().get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()));
    let rest = if prefix("https://") {
        &url[8..]
    } else if prefix("http://") {
        &url[7..]
    } else if url.contains("://") {
        // Another scheme (an `http` one, in any case, was read above).
        return url.to_owned();
    } else {
        url
    };
    // What comes before the fragment, split at the query: one search for both.
    let (auth_path, query) = match memchr::memchr2(b'#', b'?', rest.as_bytes()) {
        Some(i) if rest.as_bytes()[i] == b'?' => {
            let query = &rest[i + 1..];
            (&rest[..i], query.split('#').next().unwrap_or_default())
        }
        Some(i) => (&rest[..i], ""),
        None => (rest, ""),
    };
    let (authority, mut path) = auth_path.split_once('/').map_or((auth_path, ""), |(a, p)| (a, p));
    let host = lower(authority.rsplit('@').next().unwrap_or_default());
    let host = host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(&host);
    let host = host.strip_prefix("www.").unwrap_or(host).trim_end_matches('.');
    for index in ["index.html", "index.htm", "index.php"] {
        if let Some(p) = path.strip_suffix(index)
            && (p.is_empty() || p.ends_with('/'))
        {
            path = p;
        }
    }
    let path = path.trim_end_matches('/');
    let mut out = String::with_capacity(host.len() + path.len() + query.len() + 2);
    out.push_str(host);
    if !path.is_empty() {
        out.push('/');
        if matches!(host, "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org") {
            // `owner/repo` in lower case, without `.git` when the path is just that.
            let just_repo = path.split('/').count() == 2;
            for (i, seg) in path.split('/').enumerate() {
                if i > 0 {
                    out.push('/');
                }
                match i {
                    0 => out.push_str(&lower(seg)),
                    1 => {
                        let seg = lower(seg);
                        out.push_str(if just_repo { seg.strip_suffix(".git").unwrap_or(&seg) } else { &seg });
                    }
                    _ => out.push_str(seg),
                }
            }
        } else {
            out.push_str(path);
        }
    }
    let tracking = |p: &str| {
        let name = p.split('=').next().unwrap_or_default();
        name.as_bytes().get(..4).is_some_and(|b| b.eq_ignore_ascii_case(b"utm_"))
            || ["fbclid", "gclid", "mc_cid", "mc_eid", "ref_src", "igshid", "si"]
                .iter()
                .any(|t| name.eq_ignore_ascii_case(t))
    };
    let mut first = true;
    for p in query.split('&').filter(|p| !p.is_empty() && !tracking(p)) {
        out.push(if first { '?' } else { '&' });
        out.push_str(p);
        first = false;
    }
    out
}

/// `s` in lower case, copied only when that changes it (hosts are mostly written in lower case).
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first implementation of [`url_key`], for comparison.
    fn url_key_by_parts(url: &str) -> String {
        let url = url.trim();
        let rest = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => rest,
            Some(_) => return url.to_owned(),
            None => url,
        };
        let rest = rest.split('#').next().unwrap_or_default();
        let (auth_path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = auth_path.split_once('/').map_or((auth_path, ""), |(a, p)| (a, p));
        let host = authority.rsplit('@').next().unwrap_or_default().to_lowercase();
        let host = host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")).unwrap_or(&host);
        let host = host.strip_prefix("www.").unwrap_or(host).trim_end_matches('.');
        let mut path = path.to_owned();
        for index in ["index.html", "index.htm", "index.php"] {
            if path == index || path.ends_with(&format!("/{index}")) {
                path.truncate(path.len() - index.len());
            }
        }
        let mut path = path.trim_end_matches('/').to_owned();
        if matches!(host, "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org") {
            let mut segs: Vec<String> = path.split('/').map(str::to_owned).collect();
            for s in segs.iter_mut().take(2) {
                *s = s.to_lowercase();
            }
            if segs.len() == 2
                && let Some(s) = segs[1].strip_suffix(".git")
            {
                segs[1] = s.to_owned();
            }
            path = segs.join("/");
        }
        let params: Vec<&str> = query
            .split('&')
            .filter(|p| {
                let name = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
                !p.is_empty()
                    && !name.starts_with("utm_")
                    && !matches!(name.as_str(), "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref_src" | "igshid" | "si")
            })
            .collect();
        let mut out = host.to_owned();
        if !path.is_empty() {
            out.push('/');
            out.push_str(&path);
        }
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params.join("&"));
        }
        out
    }

    proptest! {
        /// URLs of every shape the key cares about: scheme, case, www, ports, index pages, code
        /// hosts with `.git`, tracking parameters, fragments, odd characters.
        #[test]
        fn url_key_is_what_splitting_gave(
            scheme in prop::sample::select(vec!["https://", "HTTP://", "ftp://", "", " http://"]),
            host in prop::sample::select(vec!["www.Example.org", "github.com", "GitLab.com:443", "a@codeberg.org.", "x.example:80", "bitbucket.org", ""]),
            path in "(/[A-Za-z0-9.]{0,6}(index\\.html?|index\\.php|\\.git|\\.GIT)?){0,4}/?",
            query in "(\\?((utm_[a-z]{1,3}|UTM_x|fbclid|SI|a|b=1|ref_src=z|=)&?){0,4})?",
            fragment in "(#[a-z?&]{0,5})?",
        ) {
            let url = format!("{scheme}{host}{path}{query}{fragment}");
            prop_assert_eq!(url_key(&url), url_key_by_parts(&url), "{}", url);
        }
    }

    proptest! {
        /// URLs with upper case and other scripts in the host and a code host's path.
        #[test]
        fn url_key_lowers_what_splitting_lowered(
            host in "(github\\.com|GitHub\\.COM|GITLAB\\.com|WWW\\.x\\.org|www\\.Ü\\.de|[a-zA-Z.É]{0,8})(:80|:443)?",
            path in "(/[A-Za-zÉü.]{0,6}(\\.git|\\.GIT)?){0,3}",
        ) {
            let url = format!("https://{host}{path}");
            prop_assert_eq!(url_key(&url), url_key_by_parts(&url), "{}", url);
        }
    }

    #[test]
    fn urls() {
        assert_eq!(url_key("https://docs.ray.io/en/master/index.html"), "docs.ray.io/en/master");
        assert_eq!(url_key("https://pyscript.com/@antocuni/"), "pyscript.com/@antocuni");
        assert_eq!(url_key("https://example.org/?a=1&utm_medium=x&b=2"), "example.org?a=1&b=2");
        assert_eq!(url_key("https://GitHub.com/Owner/Repo/Tree/Main"), "github.com/owner/repo/Tree/Main");
    }
}
