//! A real Oxigraph server for the tests (`oxigraph serve` on a free loopback port, in a temporary
//! folder), and a small HTTP proxy in front of it that logs each request and can break some.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An `oxigraph serve` process, killed and its folder removed when dropped.
pub struct Oxigraph {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Oxigraph {
    /// Starts a server storing its data in a new temporary folder named after `name`.
    pub fn start(name: &str) -> Self {
        let found = Command::new("oxigraph").arg("--version").output().is_ok_and(|o| o.status.success());
        assert!(
            found,
            "the `oxigraph` command (the Oxigraph server) is needed by these tests: run .ci/run, which \
             installs it with `python3 -m pip install oxigraph`"
        );
        let dir = std::env::temp_dir().join(format!("talkgraph-oxigraph-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        // A port another process takes between our probe and the server's bind: try again.
        for _ in 0..5 {
            let port = free_port();
            let log = std::fs::File::create(dir.join("server.log")).expect("log file");
            let mut child = Command::new("oxigraph")
                .args(["serve", "--location"])
                .arg(dir.join("db"))
                .args(["--bind", &format!("127.0.0.1:{port}")])
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("log"))
                .stderr(log)
                .spawn()
                .expect("oxigraph starts");
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(30) {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Self { child, port, dir };
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        panic!("oxigraph serve did not start:\n{log}");
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Its Graph Store Protocol endpoint.
    pub fn store_url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// Runs a SELECT query on its SPARQL endpoint: the rows, as CSV cells.
    pub fn select(&self, query: &str) -> Vec<Vec<String>> {
        let mut response = ureq::post(format!("http://127.0.0.1:{}/query", self.port))
            .header("Accept", "text/csv")
            .send_form([("query", query)])
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let text = response.body_mut().read_to_string().expect("CSV");
        text.lines().skip(1).map(|l| l.split(',').map(str::to_owned).collect()).collect()
    }

    /// Runs an ASK query.
    pub fn ask(&self, query: &str) -> bool {
        let mut response = ureq::post(format!("http://127.0.0.1:{}/query", self.port))
            .header("Accept", "text/csv")
            .send_form([("query", query)])
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        response.body_mut().read_to_string().expect("CSV").trim() == "true"
    }

    /// The named graphs of the store and how many statements each holds, by SPARQL.
    pub fn graph_sizes(&self) -> std::collections::BTreeMap<String, usize> {
        self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            .into_iter()
            .map(|r| (r[0].clone(), r[1].parse().expect("a count")))
            .collect()
    }

    /// A graph's statements as N-Triples lines, through the Graph Store Protocol (`None`: the
    /// default graph); empty when the store has no such graph.
    pub fn graph(&self, iri: Option<&str>) -> BTreeSet<String> {
        let url = match iri {
            Some(iri) => format!("{}?graph={}", self.store_url(), encode(iri)),
            None => format!("{}?default", self.store_url()),
        };
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let mut response = agent.get(&url).header("Accept", "application/n-triples").call().expect("GET");
        if response.status() == 404 {
            return BTreeSet::new();
        }
        let text = response.body_mut().with_config().limit(u64::MAX).read_to_string().expect("N-Triples");
        oxttl::NTriplesParser::new()
            .for_slice(text.as_bytes())
            .map(|t| t.expect("the store's N-Triples parse").to_string())
            .collect()
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port()
}

/// An IRI as a query-string value.
pub fn encode(iri: &str) -> String {
    iri.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// What the proxy breaks.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Nothing: every request is forwarded and answered.
    None,
    /// A PUT whose URL holds this text: half its body is forwarded to the server, then both
    /// connections are closed (the client gets no answer).
    DropPutMidBody(String),
    /// The first N requests are answered `503 Service Unavailable` by the proxy itself.
    First503(usize),
    /// The first N connections are closed as soon as the request's head has arrived.
    FirstDropped(usize),
}

/// A logging HTTP/1.1 proxy on a free loopback port, in front of a server; it stops when dropped.
pub struct Proxy {
    port: u16,
    log: Arc<Mutex<Vec<Logged>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A request the proxy saw.
#[derive(Debug, Clone)]
pub struct Logged {
    /// `GET`, `PUT`, ...
    pub method: String,
    /// The path and query string.
    pub target: String,
    /// The request's headers, lower-case names.
    pub headers: Vec<(String, String)>,
}

impl Proxy {
    /// A proxy to `127.0.0.1:server_port` that breaks what `fault` says.
    pub fn start(server_port: u16, fault: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(AtomicUsize::new(0));
        let (log2, stop2) = (log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(300);
            while !stop2.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((client, _)) => {
                        let (log, fault, seen) = (log2.clone(), fault.clone(), seen.clone());
                        std::thread::spawn(move || {
                            let _ = handle(client, server_port, &fault, &log, &seen);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Self { port, log, stop, thread: Some(thread) }
    }

    /// Its Graph Store Protocol endpoint (the server's `/store`).
    pub fn store_url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// The requests seen so far.
    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One connection: one request (the server is asked to close after it), forwarded or broken.
fn handle(
    mut client: TcpStream,
    server_port: u16,
    fault: &Fault,
    log: &Mutex<Vec<Logged>>,
    seen: &AtomicUsize,
) -> std::io::Result<()> {
    client.set_nonblocking(false)?;
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    // The head.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = client.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let (method, target) = (first.next().unwrap_or("").to_owned(), first.next().unwrap_or("").to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    log.lock().expect("log").push(Logged { method: method.clone(), target: target.clone(), headers: headers.clone() });
    let index = seen.fetch_add(1, Ordering::SeqCst);
    match fault {
        Fault::FirstDropped(n) if index < *n => {
            return client.shutdown(Shutdown::Both);
        }
        Fault::First503(n) if index < *n => {
            client
                .write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy")?;
            return client.shutdown(Shutdown::Both);
        }
        _ => {}
    }
    // The body.
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = client.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    // The head again, asking the server to close after answering.
    let mut forwarded = String::new();
    for (i, line) in head.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        if i > 0 && line.to_ascii_lowercase().starts_with("connection:") {
            continue;
        }
        forwarded.push_str(line);
        forwarded.push_str("\r\n");
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    let mut server = TcpStream::connect(("127.0.0.1", server_port))?;
    server.write_all(forwarded.as_bytes())?;
    if let Fault::DropPutMidBody(what) = fault
        && method == "PUT"
        && target.contains(what.as_str())
    {
        server.write_all(&body[..body.len() / 2])?;
        server.flush()?;
        std::thread::sleep(Duration::from_millis(100));
        let _ = server.shutdown(Shutdown::Both);
        return client.shutdown(Shutdown::Both);
    }
    server.write_all(&body)?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    // The client must not keep the connection either.
    if let Some(i) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&answer[..i]).to_ascii_lowercase();
        if !head.contains("\r\nconnection: close") {
            answer.splice(i..i, b"\r\nConnection: close".iter().copied());
        }
    }
    client.write_all(&answer)?;
    client.shutdown(Shutdown::Both)
}
