//! The agent's variables: the names its flow declares (a linked `*.ivr.json`)
//! and the names the task lists itself. NXLink accepts a contact's `params`
//! only under these names.

use ivr_flow::FlowFileError;

use crate::model::Task;

/// The variable names a flow file declares.
pub fn flow_variables(flow_file: &[u8]) -> Result<Vec<String>, FlowFileError> {
    Ok(ivr_flow::from_bytes(flow_file)?
        .variables
        .into_iter()
        .map(|v| v.name)
        .collect())
}

/// The agent's variables: the task's own list, then the flow's names not
/// already in it (`flow` is the linked flow's variables, if it has one).
pub fn declared_variables(task: &Task, flow: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in task.variables.iter().chain(flow) {
        let name = name.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}
