//! The detectors: provider formats (regular expressions with a validation step), private
//! keys, JWTs, credential URLs, and secret-looking values assigned to secret-looking names.

use std::sync::OnceLock;

use base64::Engine as _;
use regex::Regex;

/// One detector for a provider's key format.
pub struct Pattern {
    pub rule_id: &'static str,
    pub what: &'static str,
    pub re: Regex,
    /// Capture group holding the secret (0 = whole match).
    pub group: usize,
}

fn re(s: &str) -> Regex {
    // The patterns are constants checked by the tests; a bad one disables only itself.
    Regex::new(s).unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable_regex()))
}

#[allow(clippy::panic)]
fn unreachable_regex() -> Regex {
    panic!("the empty regex always compiles")
}

/// Every provider pattern, compiled once.
pub fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let p = |rule_id, what, s: &str, group| Pattern {
            rule_id,
            what,
            re: re(s),
            group,
        };
        vec![
            p(
                "secret-anthropic-api-key",
                "Anthropic API key",
                r"\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_\-]{32,}",
                0,
            ),
            p(
                "secret-openai-api-key",
                "OpenAI API key",
                r"\bsk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{32,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})\b",
                0,
            ),
            p(
                "secret-google-api-key",
                "Google API key",
                r"\bAIza[0-9A-Za-z_\-]{35}",
                0,
            ),
            p(
                "secret-huggingface-token",
                "Hugging Face token",
                r"\bhf_[A-Za-z0-9]{30,40}\b",
                0,
            ),
            p(
                "secret-aws-access-key",
                "AWS access key id",
                r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
                0,
            ),
            p(
                "secret-github-token",
                "GitHub token",
                r"\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|github_pat_[A-Za-z0-9_]{50,})",
                0,
            ),
            p(
                "secret-gitlab-token",
                "GitLab token",
                r"\bglpat-[A-Za-z0-9_\-]{20,}",
                0,
            ),
            p(
                "secret-slack-token",
                "Slack token",
                r"\bxox[baprs]-[A-Za-z0-9]{6,}-[A-Za-z0-9\-]{6,}",
                0,
            ),
            p(
                "secret-slack-webhook",
                "Slack incoming-webhook URL",
                r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,}",
                0,
            ),
            p(
                "secret-stripe-api-key",
                "Stripe live API key",
                r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}",
                0,
            ),
            p(
                "secret-twilio-api-key",
                "Twilio API key",
                r"\bSK[0-9a-f]{32}\b",
                0,
            ),
            p(
                "secret-sendgrid-api-key",
                "SendGrid API key",
                r"\bSG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{30,50}\b",
                0,
            ),
            p(
                "secret-private-key",
                "private key",
                r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\\n]*(?:[A-Za-z0-9+/=:\-\s]|\\n){64,}?-----END (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----",
                0,
            ),
            p(
                "secret-jwt",
                "JSON Web Token",
                r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}",
                0,
            ),
            p(
                "secret-credential-url",
                "password in a connection URL",
                r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|ftp|sftp|smtp|ldaps?|jdbc:[a-z]+|clickhouse|cockroachdb|nats|kafka)://[^:/@\s'`]+:([^@\s'`/]{3,})@[^\s'`]+",
                1,
            ),
        ]
    })
}

/// Shannon entropy in bits per character.
#[must_use]
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = f64::from(*c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Values that stand in for a secret: `changeme`, `<your-key>`, `xxx`, `${VAR}`, `{{ x }}`,
/// `%(x)s`, AWS's documented `...EXAMPLE` keys, repeated characters, and the like.
#[must_use]
pub fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    let lower = t.to_ascii_lowercase();
    if t.len() < 6 {
        return true;
    }
    // A format field (`{password}`), a shell/env variable (`$DB_PASSWORD`) or a word in
    // capitals naming what goes there (`PASSWORD`, `CONTRASEÑA`, `DB_PASS`).
    let inner = t.strip_prefix('$').unwrap_or(t);
    if (t.starts_with('{') && t.ends_with('}') && !t[1..].contains('{'))
        || (inner.chars().all(|c| c.is_uppercase() || c == '_')
            && inner.chars().any(char::is_alphabetic))
    {
        return true;
    }
    let markers = [
        "example",
        "changeme",
        "change_me",
        "change-me",
        "placeholder",
        "your_",
        "your-",
        "yourkey",
        "your key",
        "insert",
        "replace",
        "dummy",
        "sample",
        "fake",
        "redacted",
        "todo",
        "fixme",
        "xxxx",
        "****",
        "....",
        "<",
        ">",
        "${",
        "{{",
        "}}",
        "%(",
        "$(",
        "env(",
        "process.env",
        "os.environ",
        "getenv",
        "secret_here",
        "key_here",
        "token_here",
        "not-a-real",
        "notreal",
        "not_real",
        "test123",
        "mysecret",
        "my_secret",
        "my-secret",
        "supersecret",
        "super_secret",
        "password123",
        "abcdef",
        "123456",
        "qwerty",
        "lorem",
        "foobar",
        "testtest",
        "testing",
    ];
    if markers.iter().any(|m| lower.contains(m)) {
        return true;
    }
    if t.starts_with('$') || t.starts_with('%') || t.starts_with(':') || t.starts_with('@') {
        return true;
    }
    let exact = [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "changeit",
        "admin",
        "administrator",
        "letmein",
        "default",
        "none",
        "null",
        "undefined",
        "string",
        "required",
        "optional",
        "postgres",
        "root",
        "guest",
        "test",
        "tests",
        "user",
        "username",
        "pass",
        "secretkey",
        "secret_key",
        "privatekey",
        "private_key",
        "development",
        "production",
        "staging",
    ];
    if exact.contains(&lower.as_str()) {
        return true;
    }
    let first = t.chars().next().unwrap_or(' ');
    if t.chars().all(|c| c == first) {
        return true;
    }
    // Masked or ellipsized values: `sk-...`, `ghp_***`.
    t.ends_with("...") || t.ends_with('…') || t.contains("***")
}

/// True when a JWT's header and payload decode to JSON objects (a real token, not a
/// pattern or a truncated sample), and it is not the jwt.io example.
#[must_use]
pub fn jwt_is_real(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(h), Some(p)) = (parts.next(), parts.next()) else {
        return false;
    };
    let dec = |s: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
    };
    let (Some(header), Some(payload)) = (dec(h), dec(p)) else {
        return false;
    };
    let Some(obj) = payload.as_object() else {
        return false;
    };
    if header.get("alg").is_none() || obj.is_empty() {
        return false;
    }
    // The jwt.io sample token and other documentation classics.
    let sample = obj.get("sub").and_then(|v| v.as_str()) == Some("1234567890")
        && obj.get("name").and_then(|v| v.as_str()) == Some("John Doe");
    !sample
}

/// The words of an identifier: `dbPassword` → `db`, `password`; `API_KEY` → `api`, `key`;
/// `config["client-secret"]` → `client`, `secret` (only the last path segment counts).
#[must_use]
pub fn name_words(name: &str) -> Vec<String> {
    let last = name
        .rsplit(['.', '>', '[', ':', '/'])
        .find(|s| s.chars().any(char::is_alphanumeric))
        .unwrap_or(name)
        .trim_matches(|c: char| !c.is_alphanumeric());
    let mut words = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = last.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let boundary = c.is_uppercase()
            && i > 0
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                    && chars[i - 1].is_uppercase());
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Names whose string value is a secret: `password`, `api_key`, `secret`, `token`, ...
/// (and not `token_url`, `password_field`, `secret_name`, `allPass`, ...).
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    let words = name_words(name);
    let Some(last) = words.last() else {
        return false;
    };
    const NOT_LAST: &[&str] = &[
        "url",
        "uri",
        "endpoint",
        "path",
        "file",
        "filename",
        "name",
        "field",
        "type",
        "header",
        "prefix",
        "suffix",
        "length",
        "len",
        "id",
        "ids",
        "kind",
        "label",
        "placeholder",
        "hint",
        "policy",
        "regex",
        "re",
        "pattern",
        "format",
        "count",
        "limit",
        "expiry",
        "expires",
        "expiration",
        "ttl",
        "timeout",
        "env",
        "var",
        "param",
        "params",
        "input",
        "prompt",
        "message",
        "msg",
        "error",
        "text",
        "title",
        "description",
        "desc",
        "help",
        "usage",
        "hash",
        "hashed",
        "digest",
        "salt",
        "mask",
        "masked",
        "class",
        "provider",
        "scope",
        "scopes",
        "mode",
        "method",
        "version",
        "store",
        "storage",
        "manager",
        "service",
        "validator",
        "validation",
        "rule",
        "rules",
        "counter",
        "index",
        "position",
        "pos",
        "size",
        "dir",
        "directory",
        "location",
        "region",
        "host",
        "port",
        "user",
        "username",
        "email",
        "login",
        "at",
        "on",
        "created",
        "updated",
        "enabled",
        "required",
        "min",
        "max",
        "strength",
        "reset",
        "forgot",
        "confirm",
        "confirmation",
        "new",
        "old",
        "current",
        "key",
        "keys",
        "types",
        "names",
        "list",
        "map",
        "set",
        "cache",
        "source",
        "location",
        "selector",
        "button",
        "input",
        "form",
        "icon",
        "style",
        "css",
        "color",
        "width",
        "height",
        "visible",
        "visibility",
        "check",
        "checker",
        "generator",
        "factory",
        "builder",
        "parser",
        "class",
        "cls",
        "fn",
        "func",
        "callback",
        "handler",
        "event",
        "events",
        "route",
        "path",
        "link",
        "attr",
        "attribute",
        "column",
        "table",
        "query",
        "endpoint",
        "status",
        "state",
        "kind",
        "flag",
        "option",
        "options",
    ];
    let has = |w: &str| words.iter().any(|x| x == w);
    let pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    let key_pair = pair("api", "key")
        || pair("access", "key")
        || pair("private", "key")
        || pair("secret", "key")
        || pair("auth", "key")
        || pair("signing", "key")
        || pair("encryption", "key")
        || pair("master", "key")
        || pair("session", "key")
        || pair("license", "key")
        || pair("app", "key")
        || pair("client", "key")
        || pair("webhook", "url")
        || pair("connection", "string")
        || pair("conn", "str");
    const PROVIDERS: &[&str] = &[
        "openai",
        "anthropic",
        "claude",
        "gemini",
        "google",
        "stripe",
        "aws",
        "github",
        "gitlab",
        "slack",
        "twilio",
        "sendgrid",
        "hf",
        "huggingface",
        "mistral",
        "cohere",
        "groq",
        "deepseek",
        "together",
        "replicate",
        "pinecone",
        "supabase",
        "firebase",
        "azure",
        "llm",
        "mailgun",
        "openrouter",
        "perplexity",
        "xai",
        "fireworks",
        "voyage",
        "tavily",
        "serper",
    ];
    let provider_key =
        last == "key" && words.len() >= 2 && PROVIDERS.contains(&words[words.len() - 2].as_str());
    if key_pair || provider_key {
        // `api_key_header`, `secret_key_name`: the pair is not the last word.
        return words
            .last()
            .is_some_and(|w| w == "key" || w == "url" || w == "string" || w == "str");
    }
    if NOT_LAST.contains(&last.as_str()) {
        return false;
    }
    let secretish = [
        "password",
        "passwd",
        "passphrase",
        "pwd",
        "secret",
        "secrets",
        "token",
        "apikey",
        "credential",
        "credentials",
        "bearer",
        "dsn",
    ];
    if secretish.iter().any(|w| has(w)) {
        return true;
    }
    // A bare `pass` only in `db_pass`, `smtp_pass`, `user_pass`, ... (not `allPass`).
    if last == "pass" && words.len() <= 3 {
        const OWNERS: &[&str] = &[
            "db", "user", "admin", "root", "smtp", "mail", "email", "ftp", "redis", "mysql", "pg",
            "postgres", "ldap", "app", "basic", "proxy", "wifi", "login", "auth", "database",
            "rabbit", "mongo", "sql", "imap", "pop", "sftp", "ssh", "vnc", "rdp", "api",
        ];
        return words.len() == 1 || OWNERS.contains(&words[words.len() - 2].as_str());
    }
    false
}

/// The checks of [`generic_value_is_secret`] that do not need the name: a value that
/// fails them is never a generic secret, whatever it is assigned to (so a caller can skip
/// looking the name up).
#[must_use]
pub fn generic_value_plausible(v: &str) -> bool {
    let t = v.trim();
    // The cheap checks first: most strings of a file are prose, paths or short.
    if t.len() < 8 || t.len() > 400 {
        return false;
    }
    if t.contains(' ') || t.contains('\n') || t.starts_with('/') || t.starts_with("./") {
        return false;
    }
    // URLs: credential URLs have their own detector.
    !t.contains("://") && !is_placeholder(t)
}

/// A value assigned to a secret-looking name is reported when it looks like a secret: long
/// enough, not a placeholder, not prose, a path, a URL without credentials or an
/// identifier-like word.
#[must_use]
pub fn generic_value_is_secret(name: &str, v: &str) -> bool {
    if !generic_value_plausible(v) {
        return false;
    }
    let t = v.trim();
    // A YAML anchor or alias (`credentials: &gcs_credentials`) names a node.
    if let Some(rest) = t.strip_prefix('&').or_else(|| t.strip_prefix('*'))
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return false;
    }
    // Identifier-like words (`my_app_secret`, `SECRET_KEY`) are names, not values.
    let lower_name = name.to_ascii_lowercase();
    // Pagination cursors (`next_page_token: "eyJvZmZzZXQiOiAxMH0="`) are opaque but public.
    if [
        "page_token",
        "pagetoken",
        "next_token",
        "nexttoken",
        "cursor",
        "continuation",
    ]
    .iter()
    .any(|w| lower_name.contains(w))
    {
        return false;
    }
    let is_password = lower_name.contains("pass") || lower_name.contains("pwd");
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    let has_upper = t.chars().any(|c| c.is_ascii_uppercase());
    let has_lower = t.chars().any(|c| c.is_ascii_lowercase());
    let has_symbol = t
        .chars()
        .any(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '-');
    let classes = [has_digit, has_upper, has_lower, has_symbol]
        .iter()
        .filter(|b| **b)
        .count();
    if t.chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        && !has_digit
    {
        return false; // CONSTANT_NAME
    }
    if t.chars()
        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-' || c == '.')
    {
        return false; // a lower-case word or identifier
    }
    // A settings path or key name (`hostSettings:mailEventsPayloadSigningKey`,
    // `auth.jwtSigningKey`): letters and separators, no digit. Random keys of 16+
    // characters almost always hold a digit; a typed password may not, so passwords
    // are exempt.
    if !is_password
        && !has_digit
        && t.chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ':' | '.' | '_' | '-' | '/'))
    {
        return false;
    }
    let h = entropy(t);
    if is_password {
        classes >= 2 && h >= 2.5
    } else {
        t.len() >= 16 && classes >= 2 && h >= 3.3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_patterns_compile() {
        for p in patterns() {
            assert_ne!(p.re.as_str(), "$^", "{} failed to compile", p.rule_id);
        }
    }

    #[test]
    fn placeholders() {
        for v in [
            "{password}",
            "$DB_PASSWORD",
            "PASSWORD",
            "CONTRASEÑA",
            "DB_PASS",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["{x}Tr0ub4dor&3", "Hunter2Secret!", "s3cr3t_PASSWORD_9"] {
            assert!(!is_placeholder(v), "{v}");
        }
        for v in [
            "changeme",
            "<your-key>",
            "xxxxxxxxxx",
            "${API_KEY}",
            "{{ token }}",
            "AKIAIOSFODNN7EXAMPLE",
            "sk-...",
            "password",
            "aaaaaaaaaaaa",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        assert!(!is_placeholder("Zx81-qPw0Lm3"));
    }

    #[test]
    fn names_and_values() {
        for n in [
            "password",
            "DB_PASSWORD",
            "api_key",
            "apiKey",
            "self.secret",
            "client_secret",
            "GITHUB_TOKEN",
            "config[\"token\"]",
            "dbPass",
            "SMTP_PASS",
            "OPENAI_KEY",
            "secretKey",
            "x-api-key",
            "AUTH_TOKEN",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "token_url",
            "password_field",
            "secret_name",
            "TOKEN_TYPE",
            "api_key_header",
            "username",
            "password_hash",
            "allPass",
            "anyPass",
            "bypass",
            "passive",
            "tokenizer",
            "secretary",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
        assert!(generic_value_is_secret("password", "Tr0ub4dor&3x"));
        assert!(generic_value_is_secret(
            "api_key",
            "q8Xv2LmN4pR7sT1wZ9yB3cD6"
        ));
        assert!(!generic_value_is_secret("api_key", "API_KEY_NAME"));
        assert!(!generic_value_is_secret(
            "password",
            "please enter your password"
        ));
        assert!(!generic_value_is_secret("token", "access_token"));
        // Settings paths, YAML anchors and pagination cursors are not secrets.
        assert!(!generic_value_is_secret(
            "CONFIG_KEY_PAYLOAD_SIGNING_KEY",
            "hostSettings:mailEventsPayloadSigningKey"
        ));
        assert!(!generic_value_is_secret(
            "gcs_credentials",
            "&gcs_credentials"
        ));
        assert!(!generic_value_is_secret(
            "next_page_token",
            "eyJvZmZzZXQiOiAxMCwgImxpbWl0IjogMTB9"
        ));
        // ...while a password without a digit still is one.
        assert!(generic_value_is_secret(
            "db_password",
            "CorrectHorse!Battery"
        ));
        assert!(generic_value_is_secret(
            "signing_key",
            "hK3vX9qLmT2pW8zR5nB7cY4d"
        ));
    }

    #[test]
    fn entropy_values() {
        assert!(entropy("aaaa") < 0.01);
        assert!(entropy("q8Xv2LmN4pR7sT1wZ9yB3cD6") > 4.0);
    }
}
