//! A small owned YAML tree with byte spans, built from saphyr's marked nodes. Everything
//! above this module sees only [`Y`], so swapping the YAML library touches one file.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// Largest rule file accepted (hostile repositories can carry their own rules).
pub const MAX_RULE_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// A YAML value with its byte range in the file.
#[derive(Debug, Clone)]
pub struct Y {
    pub span: (usize, usize),
    pub val: YVal,
}

#[derive(Debug, Clone)]
pub enum YVal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Y>),
    Map(Vec<(Y, Y)>),
}

impl Y {
    /// The value as text when it is a scalar (numbers and booleans as written).
    #[must_use]
    pub fn as_str(&self) -> Option<String> {
        match &self.val {
            YVal::Str(s) => Some(s.clone()),
            YVal::Int(i) => Some(i.to_string()),
            YVal::Float(f) => Some(f.to_string()),
            YVal::Bool(b) => Some(b.to_string()),
            YVal::Null | YVal::Seq(_) | YVal::Map(_) => None,
        }
    }

    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self.val {
            YVal::Null => "null",
            YVal::Bool(_) => "a boolean",
            YVal::Int(_) => "an integer",
            YVal::Float(_) => "a number",
            YVal::Str(_) => "a string",
            YVal::Seq(_) => "a list",
            YVal::Map(_) => "a mapping",
        }
    }

    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Y> {
        match &self.val {
            YVal::Map(m) => m
                .iter()
                .find(|(k, _)| k.as_str().as_deref() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A YAML syntax problem: message and byte offset.
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub offset: usize,
}

/// Parse the first document of `text`.
///
/// # Errors
/// Syntax errors, oversize input, too-deep nesting and alias expansions past saphyr's
/// budget (a "billion laughs" file fails here instead of exhausting memory).
pub fn parse(text: &str) -> Result<Y, YamlError> {
    if text.len() > MAX_RULE_FILE_BYTES {
        return Err(YamlError {
            message: format!(
                "the rule file is {} bytes; the limit is {MAX_RULE_FILE_BYTES}",
                text.len()
            ),
            offset: 0,
        });
    }
    // saphyr positions are in characters; map them to bytes.
    let char_to_byte: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_byte = |ci: usize| char_to_byte.get(ci).copied().unwrap_or(text.len());
    let docs = MarkedYaml::load_from_str(text).map_err(|e| YamlError {
        message: e.info().to_string(),
        offset: to_byte(e.marker().index()),
    })?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Y {
            span: (0, 0),
            val: YVal::Null,
        });
    };
    convert(&doc, &to_byte, 0, text)
}

fn convert(
    n: &MarkedYaml<'_>,
    to_byte: &dyn Fn(usize) -> usize,
    depth: usize,
    text: &str,
) -> Result<Y, YamlError> {
    let start = to_byte(n.span.start.index());
    let mut end = to_byte(n.span.end.index()).max(start);
    if depth > MAX_DEPTH {
        return Err(YamlError {
            message: format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
            offset: start,
        });
    }
    let val = match &n.data {
        YamlData::Value(s) => match s {
            Scalar::Null => YVal::Null,
            Scalar::Boolean(b) => YVal::Bool(*b),
            Scalar::Integer(i) => YVal::Int(*i),
            Scalar::FloatingPoint(f) => YVal::Float(f.into_inner()),
            Scalar::String(s) => YVal::Str(s.to_string()),
        },
        YamlData::Representation(s, _, _) => YVal::Str(s.to_string()),
        YamlData::Sequence(items) => {
            let mut v = Vec::with_capacity(items.len());
            for it in items {
                v.push(convert(it, to_byte, depth + 1, text)?);
            }
            YVal::Seq(v)
        }
        YamlData::Mapping(m) => {
            let mut v = Vec::with_capacity(m.len());
            for (k, val) in m {
                let k = convert(k, to_byte, depth + 1, text)?;
                let val = convert(val, to_byte, depth + 1, text)?;
                end = end.max(val.span.1);
                v.push((k, val));
            }
            YVal::Map(v)
        }
        YamlData::Tagged(_, inner) => return convert(inner, to_byte, depth, text),
        YamlData::Alias(_) => {
            return Err(YamlError {
                message: "YAML aliases are not supported in rule files".into(),
                offset: start,
            });
        }
        YamlData::BadValue => {
            return Err(YamlError {
                message: "this YAML value could not be read".into(),
                offset: start,
            });
        }
    };
    // Scalars: trim the span to the scalar's own text (saphyr may include trailing space).
    if matches!(
        val,
        YVal::Str(_) | YVal::Int(_) | YVal::Float(_) | YVal::Bool(_) | YVal::Null
    ) {
        while end > start
            && text
                .as_bytes()
                .get(end - 1)
                .is_some_and(u8::is_ascii_whitespace)
        {
            end -= 1;
        }
    }
    Ok(Y {
        span: (start, end),
        val,
    })
}
