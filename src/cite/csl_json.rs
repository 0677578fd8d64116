//! The article as CSL-JSON (the format Zotero, Pandoc and citeproc read): an array with one
//! item, built as `serde_json` values (so escaping is JSON's own).

use serde_json::{Map, Value, json};

use crate::model::{Meta, WorkType};

/// The CSL-JSON item of the article.
pub fn item(meta: &Meta) -> Value {
    let b = &meta.biblio;
    let kind = match b.work_type() {
        WorkType::Article => "article-journal",
        WorkType::Book => "book",
        WorkType::Web => "webpage",
        WorkType::Report => "report",
    };
    let mut m = Map::new();
    m.insert("id".into(), json!(super::citekey(meta)));
    m.insert("type".into(), json!(kind));
    let title: String = meta.title.iter().map(|i| i.plain_text()).collect();
    m.insert("title".into(), json!(title));
    let authors: Vec<Value> = meta
        .authors
        .iter()
        .filter_map(|a| super::person(a))
        .map(|p| {
            let mut name = Map::new();
            let family = match &p.prefix {
                Some(prefix) => format!("{prefix} {}", p.name),
                None => p.name.clone(),
            };
            name.insert("family".into(), json!(family));
            if let Some(given) = &p.given_name {
                name.insert("given".into(), json!(given));
            }
            Value::Object(name)
        })
        .collect();
    if !authors.is_empty() {
        m.insert("author".into(), Value::Array(authors));
    }
    if let Some(date) = &b.date {
        let parts: Vec<Value> = date
            .split('-')
            .filter_map(|p| p.parse::<u32>().ok())
            .map(|n| json!(n))
            .collect();
        m.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    let fields = [
        ("container-title", &b.container),
        ("volume", &b.volume),
        ("issue", &b.issue),
        ("page", &b.pages),
        ("publisher", &b.publisher),
        ("DOI", &b.doi),
        ("URL", &b.url),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            m.insert(key.into(), json!(v));
        }
    }
    Value::Object(m)
}

/// The CSL-JSON file text: an array holding the article's item, pretty-printed.
pub fn csl_json(meta: &Meta) -> String {
    let mut out = serde_json::to_string_pretty(&Value::Array(vec![item(meta)]))
        .unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
