//! Variables during a simulated call, and the references that read them:
//! Connect's `$.Attributes.x` (and `$.External.x`, `$.StoredCustomerInput`...),
//! CCC's `${x}` and templates' `{{x}}`, filled into prompts, branch values and
//! assignments; SSML turned into the words a caller hears; the branch
//! operators.

use std::collections::BTreeMap;

/// The call's variables by name (`tier`, `External.tier`, `StoredCustomerInput`).
pub type Vars = BTreeMap<String, String>;

/// The name a variable is stored under: `$.Attributes.tier`, `${tier}`,
/// `{{tier}}` and `tier` are all `tier`; other `$.` paths keep their path
/// (`$.External.tier` is `External.tier`).
pub fn key_of(name: &str) -> &str {
    let name = name.trim();
    if let Some(inner) = name.strip_prefix("${").and_then(|s| s.strip_suffix('}')) {
        return inner.trim();
    }
    if let Some(inner) = name.strip_prefix("{{").and_then(|s| s.strip_suffix("}}")) {
        return inner.trim();
    }
    let path = name.strip_prefix("$.").unwrap_or(name);
    path.strip_prefix("Attributes.").unwrap_or(path)
}

/// `text` with every reference replaced by its value (an unknown one by
/// nothing, as Connect and CCC do).
pub fn fill(text: &str, vars: &Vars) -> String {
    if !text.contains('$') && !text.contains("{{") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['$', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (name, used) = if let Some(inner) = tail.strip_prefix("${") {
            match inner.find('}') {
                Some(end) => (Some(&inner[..end]), end + 3),
                None => (None, 1),
            }
        } else if let Some(inner) = tail.strip_prefix("{{") {
            match inner.find("}}") {
                Some(end) => (Some(&inner[..end]), end + 4),
                None => (None, 1),
            }
        } else if let Some(inner) = tail.strip_prefix("$.") {
            let end = inner
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
                .unwrap_or(inner.len());
            // A sentence's full stop is not part of the name.
            let end = inner[..end].trim_end_matches('.').len();
            if end == 0 {
                (None, 1)
            } else {
                (Some(&tail[..end + 2]), end + 2)
            }
        } else {
            (None, 1)
        };
        match name {
            Some(name) => {
                if let Some(v) = vars.get(key_of(name)) {
                    out.push_str(v);
                }
            }
            None => out.push_str(&tail[..used]),
        }
        rest = &tail[used..];
    }
    out.push_str(rest);
    out
}

/// The words a caller hears for a prompt: SSML's tags dropped, its entities
/// decoded, runs of white space made one space.
pub fn speech(text: &str) -> String {
    let plain = if text.trim_start().starts_with('<') {
        let mut out = String::with_capacity(text.len());
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    out.push(' ');
                }
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    } else {
        text.to_owned()
    };
    let mut out = String::with_capacity(plain.len());
    for word in plain.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // "Hello , world" from "Hello<break/>, world": no space before punctuation.
    for p in [" ,", " .", " ?", " !", " ;", " :"] {
        if out.contains(p) {
            out = out.replace(p, &p[1..]);
        }
    }
    out
}

/// Whether `left` compares to `right` by a branch `operator` (one of the
/// catalog's): numbers compared as numbers, text as text; an ordering on
/// something that is not a number is false.
pub fn compare(operator: &str, left: &str, right: &str) -> bool {
    let numbers =
        || -> Option<(f64, f64)> { Some((left.trim().parse().ok()?, right.trim().parse().ok()?)) };
    match operator {
        "equals" => match numbers() {
            Some((a, b)) => a == b,
            None => left == right,
        },
        "starts_with" => left.starts_with(right),
        "ends_with" => left.ends_with(right),
        "contains" => left.contains(right),
        "greater_than" => numbers().is_some_and(|(a, b)| a > b),
        "greater_or_equal" => numbers().is_some_and(|(a, b)| a >= b),
        "less_than" => numbers().is_some_and(|(a, b)| a < b),
        "less_or_equal" => numbers().is_some_and(|(a, b)| a <= b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vars {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_spelling_of_a_variable_is_one_name() {
        for s in [
            "tier",
            "$.Attributes.tier",
            "${tier}",
            "{{tier}}",
            " {{ tier }} ",
        ] {
            assert_eq!(key_of(s), "tier", "{s}");
        }
        assert_eq!(key_of("$.External.tier"), "External.tier");
        assert_eq!(key_of("$.StoredCustomerInput"), "StoredCustomerInput");
    }

    #[test]
    fn references_are_filled_in_and_unknown_ones_are_empty() {
        let v = vars(&[("name", "Ada"), ("External.balance", "12.50")]);
        assert_eq!(
            fill(
                "Hello $.Attributes.name. You owe ${x}$.External.balance.",
                &v
            ),
            "Hello Ada. You owe 12.50."
        );
        assert_eq!(fill("Hi {{name}}!", &v), "Hi Ada!");
        assert_eq!(fill("It costs $ 34.19", &v), "It costs $ 34.19");
        assert_eq!(fill("broken ${name", &v), "broken ${name");
    }

    #[test]
    fn ssml_is_read_as_words() {
        assert_eq!(
            speech(
                "<speak><prosody rate=\"slow\">Hello</prosody>, Tom &amp; Jerry.<break time=\"1s\"/></speak>"
            ),
            "Hello, Tom & Jerry."
        );
        assert_eq!(speech("  plain   text "), "plain text");
    }

    #[test]
    fn operators_compare_numbers_as_numbers() {
        assert!(compare("equals", "1.0", "1"));
        assert!(compare("equals", "gold", "gold"));
        assert!(!compare("equals", "Gold", "gold"));
        assert!(compare("greater_than", "10", "9"));
        assert!(!compare("greater_than", "ten", "9"));
        assert!(compare("less_or_equal", "3", "3"));
        assert!(compare("starts_with", "+8613", "+86"));
        assert!(compare("contains", "platinum", "tin"));
        assert!(!compare("nonsense", "a", "a"));
    }
}
