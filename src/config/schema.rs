//! The JSON Schema of `copydesk.toml`, for editors that complete and validate
//! it (Taplo, Even Better TOML). Rule options are typed per built-in rule.

use schemars::{Schema, generate::SchemaSettings};

use crate::config::ConfigFile;
use crate::rules::BUILTIN;

/// The configuration file's JSON Schema.
pub fn config_schema() -> Schema {
    let mut generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.root_schema_for::<ConfigFile>();
    // Type each built-in rule's `options` by the rule's own options schema.
    let mut rules = serde_json::Map::new();
    for info in BUILTIN {
        let options = (info.options_schema)(&mut generator);
        let settings = serde_json::json!({
            "type": "object",
            "description": info.summary,
            "additionalProperties": false,
            "properties": {
                "enabled": { "type": "boolean", "description": "Whether the rule runs." },
                "severity": { "enum": ["error", "warning", "info"], "description": "The severity of its findings." },
                "options": options,
            }
        });
        rules.insert(info.name.to_string(), settings);
    }
    if let Some(obj) = schema.as_object_mut() {
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "rules".into(),
                serde_json::json!({
                    "type": "object",
                    "description": "Per-rule settings, by rule name. User-written rules are configured by their `name` too.",
                    "properties": rules,
                    "additionalProperties": { "$ref": "#/definitions/RuleSettings" },
                }),
            );
        }
        let defs = generator.take_definitions(true);
        let entry = obj
            .entry("definitions")
            .or_insert_with(|| serde_json::json!({}));
        if let Some(d) = entry.as_object_mut() {
            for (k, v) in defs {
                d.entry(k).or_insert(v);
            }
        }
    }
    schema
}
