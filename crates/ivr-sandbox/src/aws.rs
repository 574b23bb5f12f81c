//! The AWS gateway as the sandbox plays it for Amazon Connect: SigV4 in the
//! `Authorization` header checked with [`ivr_cloud::sign::aws::verify`]
//! (the signature over the method, path, query, signed headers and the body
//! bytes; `X-Amz-Date` within 5 minutes of the sandbox's clock; an
//! `X-Amz-Security-Token` accepted when it is signed), the signing scope's
//! service `connect`, and errors as AWS sends them: status, the
//! `x-amzn-ErrorType` header, `x-amzn-RequestId`, and a JSON body
//! `{"message": ...}` (plus `problems` for InvalidContactFlowException).

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::time::SystemTime;

use hyper::HeaderMap;
use ivr_cloud::Secret;
use ivr_cloud::sign::aws::{CONNECT_SERVICE, Caller, MAX_SKEW, verify};
use serde_json::{Value, json};

use crate::acs::new_request_id;

/// A refusal as Connect sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct AwsError {
    pub status: u16,
    /// The `x-amzn-ErrorType` (`ResourceNotFoundException`, ...).
    pub code: String,
    pub message: String,
    /// InvalidContactFlowException's `problems`.
    pub problems: Vec<String>,
}

impl AwsError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        AwsError {
            status,
            code: code.to_owned(),
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// `InvalidRequestException` (400).
    pub fn invalid_request(message: impl Into<String>) -> Self {
        AwsError::new(400, "InvalidRequestException", message)
    }

    /// `InvalidParameterException` (400).
    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        AwsError::new(400, "InvalidParameterException", message)
    }

    /// `ResourceNotFoundException` (404).
    pub fn not_found(message: impl Into<String>) -> Self {
        AwsError::new(404, "ResourceNotFoundException", message)
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut v = json!({"message": self.message});
        if !self.problems.is_empty()
            && let Value::Object(m) = &mut v
        {
            let problems: Vec<Value> = self
                .problems
                .iter()
                .map(|p| json!({"message": p}))
                .collect();
            m.insert("problems".into(), Value::Array(problems));
        }
        v
    }
}

/// Checks SigV4 signatures for the sandbox's Connect.
#[derive(Debug)]
pub struct AwsGateway {
    credentials: HashMap<String, Secret>,
    next_request: AtomicU64,
}

impl AwsGateway {
    pub fn new(credentials: &[(String, Secret)]) -> Self {
        AwsGateway {
            credentials: credentials.iter().cloned().collect(),
            next_request: AtomicU64::new(1),
        }
    }

    /// A fresh request id (lower-case, UUID-shaped), for `x-amzn-RequestId`.
    pub fn request_id(&self) -> String {
        new_request_id(&self.next_request)
    }

    /// Checks a request: the signature (over `path_and_query` as received,
    /// the headers and `body`), the date window and the scope's service.
    pub fn authenticate(
        &self,
        method: &hyper::Method,
        path_and_query: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Caller, AwsError> {
        let mut builder = hyper::Request::builder()
            .method(method.clone())
            .uri(path_and_query);
        for (k, v) in headers {
            builder = builder.header(k, v);
        }
        let req = builder
            .body(body)
            .map_err(|e| AwsError::invalid_request(format!("unreadable request: {e}")))?;
        let caller = verify(&req, |k| self.credentials.get(k).cloned(), now, MAX_SKEW)
            .map_err(|e| AwsError::new(403, e.aws_code(), e.to_string()))?;
        if caller.service != CONNECT_SERVICE {
            return Err(AwsError::new(
                403,
                "InvalidSignatureException",
                format!("Credential should be scoped to correct service: '{CONNECT_SERVICE}'. "),
            ));
        }
        Ok(caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies() {
        let mut e = AwsError::new(400, "InvalidContactFlowException", "The flow is not valid.");
        assert_eq!(e.body(), json!({"message": "The flow is not valid."}));
        e.problems.push("bad".into());
        assert_eq!(e.body()["problems"][0]["message"], "bad");
    }

    #[test]
    fn unsigned_requests_are_refused() {
        let g = AwsGateway::new(&[("sandbox".into(), Secret::new("sandbox-secret"))]);
        let e = g
            .authenticate(
                &hyper::Method::GET,
                "/contact-flows-summary/i",
                &HeaderMap::new(),
                b"",
                SystemTime::now(),
            )
            .unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str()),
            (403, "MissingAuthenticationTokenException")
        );
        assert_ne!(g.request_id(), g.request_id());
    }
}
