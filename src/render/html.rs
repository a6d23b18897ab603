//! Shared pieces for HTML output: escaping, and the page shell.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A URL safe to put in `href`: only http(s), anything else becomes "#".
pub fn safe_url(url: &str) -> String {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        escape(trimmed)
    } else {
        "#".to_string()
    }
}

/// A complete, self-contained page: nothing is loaded from elsewhere. Its one
/// script, if any, is allowed by its SHA-256 hash in the Content-Security-Policy,
/// so no other script could run even if some text escaped escaping.
pub fn page(title: &str, css: &str, body: &str, script: Option<&str>) -> String {
    let (head, tail) = page_around(title, css, script);
    let mut page = head;
    page.push_str(body);
    page.push_str(&tail);
    page
}

/// The page [`page`] makes, without its body: what comes before it and what
/// after, so that a large body is written in place rather than copied.
pub fn page_around(title: &str, css: &str, script: Option<&str>) -> (String, String) {
    use base64::Engine;
    use sha2::Digest;
    let (tag, allowed) = match script {
        Some(js) => {
            let code = format!("\n{js}\n");
            let hash = base64::engine::general_purpose::STANDARD
                .encode(sha2::Sha256::digest(code.as_bytes()));
            (
                format!("<script>{code}</script>\n"),
                format!("'sha256-{hash}'"),
            )
        }
        None => (String::new(), "'none'".to_string()),
    };
    let head = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src {allowed}; img-src data:\">\n<title>{}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n",
        escape(title)
    );
    (head, format!("\n{tag}</body>\n</html>\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\"><img onerror=x>"),
            "&quot;&gt;&lt;img onerror=x&gt;"
        );
        assert_eq!(escape("a & b"), "a &amp; b");
    }

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(safe_url("javascript:alert(1)"), "#");
        assert_eq!(safe_url(" JaVaScRiPt:alert(1)"), "#");
        assert_eq!(safe_url("data:text/html,x"), "#");
        assert_eq!(
            safe_url("https://example.org/a?b=1&c=\"2\""),
            "https://example.org/a?b=1&amp;c=&quot;2&quot;"
        );
    }
}
