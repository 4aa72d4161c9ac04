//! Rule loading errors, rendered by miette with a label inside the YAML.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// Where a rule file came from: its display name and full text (for error frames).
#[derive(Clone, Debug)]
pub struct Origin {
    pub name: String,
    pub text: Arc<String>,
}

/// One problem in a rule file.
#[derive(Debug, Clone)]
pub struct RuleError {
    /// Stable code, e.g. `rule::unknown-key`.
    pub code: &'static str,
    pub message: String,
    /// What the label under the offending text says.
    pub label: String,
    pub help: Option<String>,
    /// Byte range in the file, when known.
    pub span: Option<(usize, usize)>,
    pub origin: Origin,
    source_code: Arc<NamedSource<Arc<String>>>,
}

impl RuleError {
    #[must_use]
    pub fn new(
        code: &'static str,
        origin: &Origin,
        span: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        Self {
            code,
            label: "here".into(),
            help: None,
            span,
            source_code: Arc::new(
                NamedSource::new(origin.name.clone(), origin.text.clone()).with_language("yaml"),
            ),
            origin: origin.clone(),
            message,
        }
    }

    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based line of the error, when it has a place.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        let (start, _) = self.span?;
        let text = self.origin.text.as_bytes();
        Some(
            text[..start.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1,
        )
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "https://github.com/mamori-sast/mamori/blob/main/docs/rules.md",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.source_code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (s, e) = self.span?;
        let len = e
            .saturating_sub(s)
            .max(1)
            .min(self.origin.text.len().saturating_sub(s).max(1));
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(self.label.clone()),
            s,
            len,
        ))))
    }
}

/// Several problems of one load, rendered together.
#[derive(Debug, Clone)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            1 => write!(f, "invalid rule: {}", self.0[0].message),
            n => write!(f, "{n} problems in rule files"),
        }
    }
}

impl std::error::Error for RuleErrors {}

impl Diagnostic for RuleErrors {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.0.len() == 1 {
            return None;
        }
        Some(Box::new(self.0.iter().map(|e| e as &dyn Diagnostic)))
    }

    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (self.0.len() == 1).then(|| Box::new(self.0[0].code) as Box<dyn fmt::Display>)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.0.len() == 1 {
            self.0[0]
                .help
                .as_ref()
                .map(|h| Box::new(h) as Box<dyn fmt::Display>)
        } else {
            None
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.0.len() == 1 {
            self.0[0].source_code()
        } else {
            None
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.0.len() == 1 {
            self.0[0].labels()
        } else {
            None
        }
    }
}
