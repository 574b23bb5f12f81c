//! The shared HTTP core: a hyper HTTP/1.1 server on a loopback listener that
//! reads each request, routes it to a provider module (CCC's RPC at `/`,
//! Connect's REST paths with SigV4, NXLink's `/openapi/aiagent/...`) or the
//! fault control endpoint, applies delays and
//! dropped connections, and stops on [`SandboxHandle::shutdown`].

use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::acs::parse_pairs;
use crate::ccc::Ccc;
use crate::config::{SandboxConfig, SandboxError, clock};
use crate::connect::{Connect, is_connect_request};
use crate::faults::{Fault, Faults};
use crate::nxlink::{Nxlink, is_nxlink_request};

/// Largest request body accepted.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// The path of the fault control endpoint.
pub const FAULTS_PATH: &str = "/__sandbox/faults";

/// Starts sandboxes.
pub struct Sandbox;

/// A running sandbox: its address, its fault switches, and how to stop it.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    faults: Faults,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl SandboxHandle {
    /// The address it listens on (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the endpoint override for a profile.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The fault switches.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Stops accepting and waits for the accept loop to end.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// The providers and switches every connection shares.
struct Shared {
    ccc: Ccc,
    connect: Connect,
    nxlink: Nxlink,
    faults: Faults,
    clock_offset_secs: i64,
}

impl Sandbox {
    /// Binds `config.addr` (loopback only), opens the state in
    /// `config.data_dir` and serves until shut down. Call inside a tokio
    /// runtime.
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        if !ivr_cloud::endpoint::is_loopback_ip(config.addr.ip()) {
            return Err(SandboxError::NotLoopback(config.addr));
        }
        let shared = Arc::new(Shared {
            ccc: Ccc::open(&config)?,
            connect: Connect::open(&config)?,
            nxlink: Nxlink::open(&config)?,
            faults: Faults::default(),
            clock_offset_secs: config.clock_offset_secs,
        });
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| SandboxError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: config.addr,
            source,
        })?;
        let (stop, stopped) = watch::channel(false);
        let faults = shared.faults.clone();
        let task = tokio::spawn(accept_loop(listener, shared, stopped));
        Ok(SandboxHandle {
            addr,
            faults,
            stop,
            task,
        })
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stopped.changed() => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let shared = Arc::clone(&shared);
        let mut conn_stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let shared = Arc::clone(&shared);
                async move { serve(req, &shared).await }
            });
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = conn_stopped.changed() => {}
            }
        });
    }
}

/// Returned by the service to make hyper close the connection unanswered.
#[derive(Debug)]
struct DroppedOnPurpose;

impl std::fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a sandbox fault")
    }
}

impl std::error::Error for DroppedOnPurpose {}

fn json_response(status: u16, body: &Value, headers: &[(&str, String)]) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(Bytes::from(body.to_string())));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = res.headers_mut();
    h.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json;charset=utf-8"),
    );
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(k.as_bytes()),
            hyper::header::HeaderValue::from_str(v),
        ) {
            h.insert(name, value);
        }
    }
    res
}

async fn serve(
    req: Request<Incoming>,
    shared: &Shared,
) -> Result<Response<Full<Bytes>>, DroppedOnPurpose> {
    let (parts, body) = req.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return Ok(json_response(
                413,
                &json!({"Code": "RequestTooLarge", "Message": "the body is too large"}),
                &[],
            ));
        }
    };
    if path == FAULTS_PATH {
        return Ok(control(&method, &body, &shared.faults));
    }
    let reply = if is_nxlink_request(&path) {
        // NXLink: POST /openapi/aiagent/... with a JSON body, signed headers.
        shared.nxlink.handle(
            method.as_str(),
            &path,
            &parts.headers,
            &body,
            &shared.faults,
        )
    } else if is_connect_request(&path, &parts.headers) {
        // Connect: REST + JSON, SigV4 in the Authorization header.
        shared
            .connect
            .handle(&method, &parts.uri, &parts.headers, &body, &shared.faults)
    } else {
        // CCC: RPC, POST / with query and form parameters.
        let mut params = parse_pairs(query.as_bytes());
        params.extend(parse_pairs(&body));
        shared.ccc.handle(method.as_str(), &params, &shared.faults)
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    if reply.drop {
        return Err(DroppedOnPurpose);
    }
    let mut headers = reply.headers;
    if shared.clock_offset_secs != 0 {
        headers.push(("date", http_date(clock(shared.clock_offset_secs))));
    }
    Ok(json_response(reply.status, &reply.body, &headers))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), for the `Date` header.
pub fn http_date(t: std::time::SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = ivr_cloud::sign::iso8601_utc(t); // yyyy-MM-ddTHH:mm:ssZ
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let weekday = DAYS[usize::try_from((secs / 86_400) % 7).unwrap_or(0)];
    let month: usize = iso.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "{weekday}, {} {} {} {} GMT",
        iso.get(8..10).unwrap_or("01"),
        MONTHS[month.clamp(1, 12) - 1],
        iso.get(0..4).unwrap_or("1970"),
        iso.get(11..19).unwrap_or("00:00:00")
    )
}

fn control(method: &Method, body: &[u8], faults: &Faults) -> Response<Full<Bytes>> {
    match *method {
        Method::GET => json_response(200, &json!({"faults": faults.pending()}), &[]),
        Method::DELETE => {
            faults.clear();
            json_response(200, &json!({"faults": []}), &[])
        }
        Method::POST => match serde_json::from_slice::<Fault>(body) {
            Ok(f) => {
                faults.push(f);
                json_response(200, &json!({"faults": faults.pending()}), &[])
            }
            Err(e) => json_response(
                400,
                &json!({"Code": "InvalidFault", "Message": format!(
                    "expected {{\"kind\": \"throttle|fail|delay|drop\", \"count\": N, \"action\": A, \"delay_ms\": D}}: {e}"
                )}),
                &[],
            ),
        },
        _ => json_response(405, &json!({"Code": "MethodNotAllowed"}), &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        let t = ivr_cloud::sign::parse_iso8601_utc("1994-11-06T08:49:37Z").unwrap();
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        let t = ivr_cloud::sign::parse_iso8601_utc("2026-11-20T22:30:00Z").unwrap();
        assert_eq!(http_date(t), "Fri, 20 Nov 2026 22:30:00 GMT");
    }
}
