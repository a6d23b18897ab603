//! Rewriting a claim file in place of the one a person edited: their comments,
//! blank lines and key order stay; only values that changed are replaced.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// `fresh` (the whole new file, as rendered from scratch) laid over `old`: every
/// value of `fresh`, in the layout `old` had where the two share a key or a claim id.
/// Falls back to `fresh` when `old` is not TOML.
pub fn overlay(old: &str, fresh: &str) -> String {
    let (Ok(mut doc), Ok(new)) = (old.parse::<DocumentMut>(), fresh.parse::<DocumentMut>()) else {
        return fresh.to_string();
    };
    let mut old_claims: Vec<Table> = match doc.remove("claim") {
        Some(Item::ArrayOfTables(a)) => a.into_iter().collect(),
        _ => Vec::new(),
    };
    sync_table(doc.as_table_mut(), new.as_table(), &["claim"]);
    let mut claims = ArrayOfTables::new();
    if let Some(new_claims) = new.get("claim").and_then(Item::as_array_of_tables) {
        for t in new_claims.iter() {
            let id = t.get("id").and_then(Item::as_str);
            let kept = old_claims
                .iter()
                .position(|o| id.is_some() && o.get("id").and_then(Item::as_str) == id);
            match kept {
                Some(i) => {
                    let mut o = old_claims.swap_remove(i);
                    sync_table(&mut o, t, &[]);
                    claims.push(o);
                }
                None => claims.push(t.clone()),
            }
        }
    }
    if !claims.is_empty() {
        doc.insert("claim", Item::ArrayOfTables(claims));
    }
    doc.to_string()
}

/// Makes `old` hold `new`'s values (but `skip`), keeping `old`'s decor where a value is unchanged
/// or replaced in place.
fn sync_table(old: &mut Table, new: &Table, skip: &[&str]) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k) && !skip.contains(&k.as_str()))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    for (k, v) in new.iter() {
        if skip.contains(&k) {
            continue;
        }
        match (old.get_mut(k), v) {
            (Some(Item::Value(ov)), Item::Value(nv)) => {
                if bare(ov) != bare(nv) {
                    let decor = ov.decor().clone();
                    *ov = nv.clone();
                    *ov.decor_mut() = decor;
                }
            }
            (Some(slot), _) => *slot = v.clone(),
            (None, _) => {
                old.insert(k, v.clone());
            }
        }
    }
}

fn bare(v: &toml_edit::Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_survive_and_values_change() {
        let old = "# top\nsource = \"a\" # mine\nsource_hash = \"h1\"\n\n# about the first\n[[claim]]\nid = \"x\"\nstatus = \"confirmed\" # checked by A.\nspan = [1, 2]\n\n[[claim]]\nid = \"gone\"\n";
        let fresh = "source = \"a\"\nsource_hash = \"h2\"\n\n[[claim]]\nid = \"y\"\n\n[[claim]]\nid = \"x\"\nstatus = \"confirmed\"\nspan = [5, 6]\n";
        let out = overlay(old, fresh);
        assert!(
            out.contains("# top\nsource = \"a\" # mine\nsource_hash = \"h2\""),
            "{out}"
        );
        assert!(out.contains("# about the first\n[[claim]]\nid = \"x\"\nstatus = \"confirmed\" # checked by A.\nspan = [5, 6]"), "{out}");
        assert!(!out.contains("gone"), "{out}");
        assert!(
            out.find("\"y\"").unwrap() < out.find("\"x\"").unwrap(),
            "{out}"
        );
    }
}
