//! A client of the SPARQL 1.1 Graph Store Protocol: GET, PUT, POST and DELETE of one graph
//! (`{endpoint}?graph={IRI}` or `{endpoint}?default`), with a header from the environment for
//! authentication and retries with exponential backoff on connection errors and 5xx answers.
//!
//! The endpoint is the store's Graph Store Protocol URL: `http://host:7878/store` for Oxigraph,
//! `http://host:3030/DATASET/data` for Jena Fuseki,
//! `http://host:7200/repositories/REPO/rdf-graphs/service` for GraphDB.

use std::cell::Cell;
use std::time::Duration;

/// A graph of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphRef<'a> {
    /// The default graph.
    Default,
    /// The named graph of this IRI.
    Named(&'a str),
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GspError {
    /// The endpoint is not an `http` or `https` URL.
    #[error("{0:?} is not an http(s) URL of a Graph Store Protocol endpoint")]
    Endpoint(String),
    /// The request failed, after `tries` attempts.
    #[error("{method} {url}: {reason}{}", if *tries > 1 { format!(" (after {tries} tries)") } else { String::new() })]
    Request {
        /// `GET`, `PUT`, `POST` or `DELETE`.
        method: &'static str,
        /// The URL.
        url: String,
        /// What went wrong: the server's status and message, or the connection's error.
        reason: String,
        /// How many attempts were made.
        tries: u32,
    },
}

/// How the client talks to the endpoint.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// A header sent with every request (name, value), such as `Authorization: Bearer ...`.
    pub header: Option<(String, String)>,
    /// Retries after a connection error, a 5xx or a 429 answer (0: try once).
    pub retries: u32,
    /// The wait before the first retry; it doubles for each next one (up to 30 s), or is what
    /// a `Retry-After` header says (up to 30 s).
    pub backoff: Duration,
    /// The longest one request may take, connecting, sending and reading included.
    pub timeout: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self { header: None, retries: 4, backoff: Duration::from_millis(250), timeout: Duration::from_secs(300) }
    }
}

/// The value of an environment variable naming a header: `Name: value` is that header;
/// anything else is the value of `Authorization` (`Bearer abc`, `Basic dXNlcjpwYXNz`).
///
/// ```
/// use talkgraph::store::gsp::header_from;
/// assert_eq!(header_from("X-Api-Key: k1"), Some(("X-Api-Key".into(), "k1".into())));
/// assert_eq!(header_from("Bearer a:b"), Some(("Authorization".into(), "Bearer a:b".into())));
/// assert_eq!(header_from("  "), None);
/// ```
pub fn header_from(value: &str) -> Option<(String, String)> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let token =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    match value.split_once(':') {
        Some((name, v)) if token(name) && !v.trim().is_empty() => Some((name.to_owned(), v.trim().to_owned())),
        _ => Some(("Authorization".to_owned(), value.to_owned())),
    }
}

/// A Graph Store Protocol client of one endpoint. It counts the requests it sends.
pub struct Client {
    agent: ureq::Agent,
    endpoint: String,
    options: ClientOptions,
    requests: Cell<usize>,
}

impl Client {
    /// A client of `endpoint` (an `http` or `https` URL, which may hold a query string).
    pub fn new(endpoint: &str, options: ClientOptions) -> Result<Self, GspError> {
        let lower = endpoint.to_ascii_lowercase();
        let host = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
        if host.is_none_or(|h| h.is_empty() || h.starts_with('/'))
            || ureq::http::Uri::try_from(endpoint).is_err()
            || endpoint.contains('#')
        {
            return Err(GspError::Endpoint(endpoint.to_owned()));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("talkgraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Self { agent, endpoint: endpoint.to_owned(), options, requests: Cell::new(0) })
    }

    /// The URL of a graph: `{endpoint}?graph={IRI, percent-encoded}` or `{endpoint}?default`.
    pub fn graph_url(&self, graph: GraphRef<'_>) -> String {
        let mut url = self.endpoint.clone();
        url.push(if url.contains('?') { '&' } else { '?' });
        match graph {
            GraphRef::Default => url.push_str("default"),
            GraphRef::Named(iri) => {
                url.push_str("graph=");
                for b in iri.bytes() {
                    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                        url.push(char::from(b));
                    } else {
                        url.push_str(&format!("%{b:02X}"));
                    }
                }
            }
        }
        url
    }

    /// How many HTTP requests were sent (retries included).
    pub fn requests(&self) -> usize {
        self.requests.get()
    }

    /// The graph as N-Triples, or `None` when the store has no such graph (404).
    pub fn get(&self, graph: GraphRef<'_>) -> Result<Option<Vec<u8>>, GspError> {
        let (status, body) = self.send("GET", graph, None)?;
        match status {
            200 => Ok(Some(body)),
            404 => Ok(None),
            _ => Err(self.refused("GET", graph, status, &body)),
        }
    }

    /// Replaces the graph by `ntriples`.
    pub fn put(&self, graph: GraphRef<'_>, ntriples: &[u8]) -> Result<(), GspError> {
        let (status, body) = self.send("PUT", graph, Some(ntriples))?;
        if (200..300).contains(&status) { Ok(()) } else { Err(self.refused("PUT", graph, status, &body)) }
    }

    /// Adds `ntriples` to the graph.
    pub fn post(&self, graph: GraphRef<'_>, ntriples: &[u8]) -> Result<(), GspError> {
        let (status, body) = self.send("POST", graph, Some(ntriples))?;
        if (200..300).contains(&status) { Ok(()) } else { Err(self.refused("POST", graph, status, &body)) }
    }

    /// Deletes the graph; a graph that is not there (404) is not an error.
    pub fn delete(&self, graph: GraphRef<'_>) -> Result<(), GspError> {
        let (status, body) = self.send("DELETE", graph, None)?;
        if (200..300).contains(&status) || status == 404 {
            Ok(())
        } else {
            Err(self.refused("DELETE", graph, status, &body))
        }
    }

    fn refused(&self, method: &'static str, graph: GraphRef<'_>, status: u16, body: &[u8]) -> GspError {
        let text = String::from_utf8_lossy(body);
        let message: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
        let mut reason = format!("the server answered {status} {}", reason_phrase(status));
        if !message.is_empty() {
            reason.push_str(&format!(": {message}"));
        }
        if matches!(status, 401 | 403) {
            reason.push_str(if self.options.header.is_some() {
                " (check the header given by --auth-header-env)"
            } else {
                " (the store wants credentials: see --auth-header-env)"
            });
        }
        GspError::Request { method, url: self.graph_url(graph), reason, tries: 1 }
    }

    /// Sends one request, retrying connection errors, 5xx and 429; the status and body of the
    /// last answer.
    fn send(&self, method: &'static str, graph: GraphRef<'_>, body: Option<&[u8]>) -> Result<(u16, Vec<u8>), GspError> {
        let url = self.graph_url(graph);
        let mut tries = 0;
        loop {
            tries += 1;
            self.requests.set(self.requests.get() + 1);
            let (reason, wait) = match self.once(method, &url, body) {
                Ok((status, _, answer)) if status < 500 && status != 429 => return Ok((status, answer)),
                Ok((status, retry_after, answer)) => {
                    let text = String::from_utf8_lossy(&answer);
                    let first = text.lines().next().unwrap_or("").chars().take(200).collect::<String>();
                    (format!("the server answered {status} {} {first}", reason_phrase(status)), retry_after)
                }
                Err(e) if transient(&e) => (connection_error(&e), None),
                Err(e) => return Err(GspError::Request { method, url, reason: connection_error(&e), tries }),
            };
            if tries > self.options.retries {
                return Err(GspError::Request { method, url, reason: reason.trim_end().to_owned(), tries });
            }
            let backoff = self.options.backoff.saturating_mul(1 << (tries - 1).min(16));
            std::thread::sleep(wait.unwrap_or(backoff).min(Duration::from_secs(30)));
        }
    }

    /// One attempt: the status, what `Retry-After` asks (in seconds), and the body.
    fn once(
        &self,
        method: &str,
        url: &str,
        body: Option<&[u8]>,
    ) -> Result<(u16, Option<Duration>, Vec<u8>), ureq::Error> {
        let mut request = ureq::http::Request::builder().method(method).uri(url);
        if let Some((name, value)) = &self.options.header {
            request = request.header(name.as_str(), value.as_str());
        }
        request = match body {
            Some(_) => request.header("Content-Type", "application/n-triples"),
            None => request.header("Accept", "application/n-triples"),
        };
        let mut response = match body {
            Some(b) => self.agent.run(request.body(b)?)?,
            None => self.agent.run(request.body(())?)?,
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let answer = response.body_mut().with_config().limit(u64::MAX).read_to_vec()?;
        Ok((status, retry_after, answer))
    }
}

/// Whether trying again may help: the connection failed, broke or timed out.
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Protocol(_)
            | ureq::Error::BodyStalled
    )
}

fn connection_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the connection was closed before the answer came".to_owned()
        }
        ureq::Error::Io(io) => format!("connection error: {io}"),
        ureq::Error::ConnectionFailed => "cannot connect".to_owned(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        other => other.to_string(),
    }
}

fn reason_phrase(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_percent_encode_the_iri() {
        let c = Client::new("http://127.0.0.1:7878/store", ClientOptions::default()).expect("valid");
        assert_eq!(
            c.graph_url(GraphRef::Named("https://t.example/id/note/a b.md")),
            "http://127.0.0.1:7878/store?graph=https%3A%2F%2Ft.example%2Fid%2Fnote%2Fa%20b.md"
        );
        assert_eq!(c.graph_url(GraphRef::Default), "http://127.0.0.1:7878/store?default");
        let q = Client::new("https://h.example/ds/data?x=1", ClientOptions::default()).expect("valid");
        assert_eq!(q.graph_url(GraphRef::Default), "https://h.example/ds/data?x=1&default");
    }

    #[test]
    fn only_http_urls_are_endpoints() {
        for bad in ["ftp://h.example/", "h.example/store", "http://", "http:///store", "http://h.example/#x", ""] {
            assert!(Client::new(bad, ClientOptions::default()).is_err(), "{bad}");
        }
    }
}
