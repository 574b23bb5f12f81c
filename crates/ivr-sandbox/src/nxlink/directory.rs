//! The sandbox's NXLink agents and routes: built-in demo ones, or those of
//! `nxlink-directory.json` in the data folder when it exists:
//!
//! ```json
//! {"agents": [{"autoFlowId": 197, "name": "Order follow-up",
//!              "variables": ["customerName", "orderNo"]}],
//!  "routes": [{"routeId": "route-hk-1", "routeName": "Hong Kong"}]}
//! ```
//!
//! An agent's `variables` are the ones its flow declares: a contact's
//! `params` naming any other is refused, as NXLink does.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::SandboxError;

/// The file, in the data folder, that replaces the built-in directory.
pub const FILE: &str = "nxlink-directory.json";

/// An AI agent: its id, name and the variables its flow declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub auto_flow_id: i64,
    pub name: String,
    #[serde(default)]
    pub variables: Vec<String>,
}

/// A call route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    pub route_id: String,
    pub route_name: String,
}

/// The agents and routes the sandbox offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    #[serde(default)]
    pub agents: Vec<Agent>,
    #[serde(default)]
    pub routes: Vec<Route>,
}

impl Default for Directory {
    /// Two demo agents (the seed's 197 among them) and two routes.
    fn default() -> Self {
        let agent = |id, name: &str, vars: &[&str]| Agent {
            auto_flow_id: id,
            name: name.into(),
            variables: vars.iter().map(|v| (*v).to_owned()).collect(),
        };
        let route = |id: &str, name: &str| Route {
            route_id: id.into(),
            route_name: name.into(),
        };
        Directory {
            agents: vec![
                agent(197, "Order follow-up", &["customerName", "orderNo"]),
                agent(
                    198,
                    "Payment reminder",
                    &["customerName", "amount", "dueDate"],
                ),
            ],
            routes: vec![
                route("y29ND1X4kkCG_nC576sALEkvg3HjEqde", "Hong Kong outbound"),
                route("route-idn-1", "Indonesia outbound"),
            ],
        }
    }
}

impl Directory {
    /// `<dir>/nxlink-directory.json`, or the built-in one when it is absent.
    pub fn load(dir: &Path) -> Result<Self, SandboxError> {
        let path = dir.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| SandboxError::Data {
                path,
                message: format!("not an NXLink directory ({e})"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Directory::default()),
            Err(e) => Err(SandboxError::Data {
                path,
                message: e.to_string(),
            }),
        }
    }

    pub fn agent(&self, id: i64) -> Option<&Agent> {
        self.agents.iter().find(|a| a.auto_flow_id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_replaces_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Directory::load(dir.path()).unwrap(), Directory::default());
        std::fs::write(
            dir.path().join(FILE),
            r#"{"agents":[{"autoFlowId":5,"name":"A","variables":["x"]}]}"#,
        )
        .unwrap();
        let d = Directory::load(dir.path()).unwrap();
        assert_eq!(d.agent(5).unwrap().variables, ["x"]);
        assert!(d.routes.is_empty());
        std::fs::write(dir.path().join(FILE), b"{").unwrap();
        assert!(Directory::load(dir.path()).is_err());
    }
}
