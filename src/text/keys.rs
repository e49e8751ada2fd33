//! Keys: the normalized forms under which names, titles and URLs are compared and merged.
//!
//! A key is a pure function of the text it is made from, so that the same mention always gets
//! the same key (and so the same IRI, see [`crate::resolve::mint`]) whatever note it is in.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a string for keys: compatibility decomposition, combining marks removed, a few
/// letters without decomposition mapped (`ł` → `l`, `ß` → `ss`), lower case.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // What the loop below does to ASCII, without decomposing: most names are ASCII.
        return s.chars().map(|c| if c == '`' { '\'' } else { c.to_ascii_lowercase() }).collect();
    }
    fold_any(s)
}

/// [`fold`] of any text: ASCII runs folded byte by byte, only the runs between them decomposed
/// (names and titles are mostly ASCII with an accent or two; the decomposing iterator cost
/// ~40 instructions a character). An ASCII character is a starter that decomposes to itself,
/// so decomposing the runs apart gives what decomposing the whole text gives.
pub(crate) fn fold_any(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        out.extend(
            rest.as_bytes()[..ascii].iter().map(|&b| if b == b'`' { '\'' } else { char::from(b.to_ascii_lowercase()) }),
        );
        rest = &rest[ascii..];
        let other = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        fold_decomposing(&mut out, &rest[..other]);
        rest = &rest[other..];
    }
    out
}

/// Appends the fold of `s`, decomposing all of it (what [`fold_any`] does to non-ASCII runs).
fn fold_decomposing(out: &mut String, s: &str) {
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            '’' | '‘' | '`' => out.push('\''),
            // Not `extend`: that shares its instance of `ToLowercase::fold` with extraction's
            // `flat_map(char::to_lowercase)`, which then was no longer inlined there (+1.5M
            // instructions on the default job).
            c => c.to_lowercase().for_each(|l| out.push(l)),
        }
    }
}

/// Key of a tool or event name: folded, words split at white space, `-` and `_`.
pub fn name_key(s: &str) -> String {
    if s.is_ascii() {
        return ascii_words(s, |b| is_ascii_space(b) || b == b'-' || b == b'_');
    }
    words(&fold(s), |c| c.is_whitespace() || c == '-' || c == '_')
}

/// Key of a person's name: like [`name_key`], dots dropped (`W.` = `W`).
pub fn person_key(s: &str) -> String {
    if s.is_ascii() {
        return ascii_words(s, |b| is_ascii_space(b) || matches!(b, b'-' | b'_' | b'.'));
    }
    words(&fold(s).replace('.', " "), |c| c.is_whitespace() || c == '-' || c == '_')
}

/// Key of an organization: folded letters and digits only (`ClearBoxAI` = `Clearbox-AI`).
pub fn org_key(s: &str) -> String {
    if s.is_ascii() {
        return s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())).collect();
    }
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Key of a title: folded words of letters and digits.
pub fn title_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_title_key(&mut out, s);
    out
}

/// Appends [`title_key`]`(s)` to `out` (a talk's key follows its event's).
pub(crate) fn push_title_key(out: &mut String, s: &str) {
    if s.is_ascii() {
        push_ascii_words(out, s, |b| !b.is_ascii_alphanumeric());
    } else {
        push_words(out, &fold(s), |c| !c.is_alphanumeric());
    }
}

/// What `char::is_whitespace` says of an ASCII character (vertical tab included, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// `words(&fold(s), sep)` for ASCII `s`, in one pass and one allocation: [`fold`] of ASCII
/// lower-cases and turns a backquote into `'`; `sep` sees the folded byte.
fn ascii_words(s: &str, sep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_ascii_words(&mut out, s, sep);
    out
}

/// Appends [`ascii_words`]`(s, sep)` to `out`.
fn push_ascii_words(out: &mut String, s: &str, sep: impl Fn(u8) -> bool) {
    let start = out.len();
    let mut space = false;
    for &b in s.as_bytes() {
        let b = if b == b'`' { b'\'' } else { b.to_ascii_lowercase() };
        if sep(b) {
            space = out.len() > start;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(char::from(b));
        }
    }
}

fn words(s: &str, sep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_words(&mut out, s, sep);
    out
}

/// Appends [`words`]`(s, sep)` to `out`.
fn push_words(out: &mut String, s: &str, sep: impl Fn(char) -> bool) {
    let start = out.len();
    for w in s.split(sep).filter(|w| !w.is_empty()) {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Folding ASCII and other runs apart is folding the whole text (combining marks after
        /// ASCII letters, in other orders, Hangul, compatibility forms, the mapped letters).
        #[test]
        fn fold_by_runs_is_fold_decomposing(
            s in prop_oneof![
                "[a-zA-Z `.é\u{301}\u{327}\u{316}\u{1dc0}ñÅ山한ﬁ①ŁßÆ’İΣ-]{0,30}",
                any::<String>(),
            ],
        ) {
            let mut whole = String::new();
            fold_decomposing(&mut whole, &s);
            prop_assert_eq!(fold_any(&s), whole);
        }

        /// The ASCII shortcut of `fold` is what the general path gives.
        #[test]
        fn fold_ascii_shortcut(s in "[ -~]{0,40}") {
            prop_assert_eq!(fold(&s), fold_any(&s));
        }

        /// The ASCII shortcuts of the keys are what folding and splitting gave.
        #[test]
        fn ascii_keys_are_what_splitting_gave(s in "[\t-\r -~]{0,40}") {
            let ws = |c: char| c.is_whitespace() || c == '-' || c == '_';
            prop_assert_eq!(name_key(&s), words(&fold_any(&s), ws));
            prop_assert_eq!(person_key(&s), words(&fold_any(&s).replace('.', " "), ws));
            prop_assert_eq!(org_key(&s), fold_any(&s).chars().filter(|c| c.is_alphanumeric()).collect::<String>());
            prop_assert_eq!(title_key(&s), words(&fold_any(&s), |c| !c.is_alphanumeric()));
        }
    }

    proptest! {
        /// A title's key appended to an event's is the key made on its own.
        #[test]
        fn push_title_key_appends_title_key(
            prefix in "[a-z ]{0,5}\u{1f}?",
            s in prop_oneof!["[\t-\r -~]{0,40}", "[a-zA-Z0-9 .+'`éÉ山ßŁ’\u{301}-]{0,40}"],
        ) {
            let mut out = prefix.clone();
            push_title_key(&mut out, &s);
            prop_assert_eq!(out, format!("{prefix}{}", words(&fold(&s), |c| !c.is_alphanumeric())));
        }

    }

    #[test]
    fn keys() {
        assert_eq!(org_key("ClearBoxAI"), org_key("Clearbox AI"));
        assert_eq!(org_key("Clearbox-AI"), "clearboxai");
        assert_eq!(person_key("José  Valim"), "jose valim");
        assert_eq!(person_key("Łukasz Langa"), "lukasz langa");
        assert_eq!(person_key("Edsger W. Dijkstra"), person_key("Edsger W Dijkstra"));
        assert_eq!(name_key("lm-buddy"), "lm buddy");
        assert_ne!(name_key("pdb"), name_key("pdb++"));
        assert_eq!(title_key("The programmer's brain"), title_key("The Programmer’s Brain"));
    }
}
