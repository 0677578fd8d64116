//! Bibliographic details of an article (for citations), and the checks and clean-ups the
//! loader and the importers share. Plain data: formatting citations is `crate::cite`'s.

/// What kind of work an article is, as citations name it.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    strum::EnumIter,
    strum::IntoStaticStr,
)]
pub enum WorkType {
    /// An article in a journal.
    Article,
    /// A book.
    Book,
    /// A web page.
    Web,
    /// A report, or a paper on its own.
    Report,
}

/// Optional bibliographic fields; every one may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Biblio {
    /// What kind of work it is, when the source says (an EPUB is a book); else
    /// [`Biblio::work_type`] tells it from the other fields.
    pub kind: Option<WorkType>,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The journal, book or site it appeared in.
    pub container: Option<String>,
    /// Volume of the container.
    pub volume: Option<String>,
    /// Issue of the container.
    pub issue: Option<String>,
    /// Page range (`123-145`).
    pub pages: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// DOI without a resolver prefix (`10.1000/xyz`).
    pub doi: Option<String>,
    /// Where it can be read (`http://` or `https://`).
    pub url: Option<String>,
}

/// Longest value kept in one field; a longer one is a mistake or an attack.
pub const MAX_FIELD_CHARS: usize = 1000;

impl WorkType {
    /// The kind named `name` in any case (`book`, `Book`), as Markdown front matter
    /// writes it.
    pub fn named(name: &str) -> Option<WorkType> {
        use strum::IntoEnumIterator;
        WorkType::iter().find(|k| <&str>::from(*k).eq_ignore_ascii_case(name.trim()))
    }

    /// Its name: `Book`.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

impl Biblio {
    /// Whether every field is empty.
    pub fn is_empty(&self) -> bool {
        *self == Biblio::default()
    }

    /// What kind of work it is: the kind the source gave, else an article when a journal
    /// is named, a web page when only a URL is, else a report.
    pub fn work_type(&self) -> WorkType {
        match self.kind {
            Some(kind) => kind,
            None if self.container.is_some() => WorkType::Article,
            None if self.url.is_some() && self.publisher.is_none() => WorkType::Web,
            None => WorkType::Report,
        }
    }

    /// The year of the date, if there is one.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref().and_then(|d| d.get(..4)?.parse().ok())
    }

    /// Fills each empty field from `other`.
    pub fn fill_from(&mut self, other: Biblio) {
        let fill = |a: &mut Option<String>, b: Option<String>| {
            if a.is_none() {
                *a = b;
            }
        };
        if self.kind.is_none() {
            self.kind = other.kind;
        }
        fill(&mut self.date, other.date);
        fill(&mut self.container, other.container);
        fill(&mut self.volume, other.volume);
        fill(&mut self.issue, other.issue);
        fill(&mut self.pages, other.pages);
        fill(&mut self.publisher, other.publisher);
        fill(&mut self.doi, other.doi);
        fill(&mut self.url, other.url);
    }

    /// The fields as found in a source that is not checked (a web page, a PDF): each value
    /// made one clean line, normalized (dates, DOIs), and dropped when it does not pass the
    /// loader's checks, so what an importer writes always loads.
    pub fn cleaned(self) -> Biblio {
        let line = |v: Option<String>| -> Option<String> {
            let v = crate::sanitize::clean_line(v?.trim()).trim().to_owned();
            (!v.is_empty() && v.chars().count() <= MAX_FIELD_CHARS).then_some(v)
        };
        Biblio {
            kind: self.kind,
            date: line(self.date).and_then(|d| normalize_date(&d)),
            container: line(self.container),
            volume: line(self.volume),
            issue: line(self.issue),
            pages: line(self.pages),
            publisher: line(self.publisher),
            doi: line(self.doi).and_then(|d| normalize_doi(&d)),
            url: line(self.url).filter(|u| url_problem(u).is_none()),
        }
    }
}

/// What is wrong with a date, or `None` when it is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a
/// month 1-12 and a day 1-31.
pub fn date_problem(date: &str) -> Option<&'static str> {
    const WANTED: &str = "is not a date as YYYY, YYYY-MM or YYYY-MM-DD";
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !ok {
        return Some(WANTED);
    }
    let num = |i: usize| parts.get(i).map(|s| s.parse::<u32>().unwrap_or(0));
    if num(1).is_some_and(|m| !(1..=12).contains(&m)) {
        return Some("has a month that is not 01 to 12");
    }
    if num(2).is_some_and(|d| !(1..=31).contains(&d)) {
        return Some("has a day that is not 01 to 31");
    }
    None
}

/// A date from what sources write (`2020`, `2020-05-01T10:00:00Z`, `2020/05/01`, `D:2020…`
/// as in PDF): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or `None`.
pub fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("D:").unwrap_or(raw);
    // PDF dates: `D:YYYYMMDDHHmmSS…`.
    if raw.len() >= 8 && raw.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        let d = format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..8]);
        return date_problem(&d).is_none().then_some(d);
    }
    let head: String = raw
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        .map(|c| if c == '/' || c == '.' { '-' } else { c })
        .collect();
    let head = head.trim_end_matches('-');
    for n in [10, 7, 4] {
        if let Some(d) = head.get(..n)
            && date_problem(d).is_none()
        {
            return Some(d.to_owned());
        }
    }
    None
}

/// What is wrong with a DOI, or `None` when it is `10.` + registrant + `/` + suffix.
pub fn doi_problem(doi: &str) -> Option<&'static str> {
    let Some((prefix, suffix)) = doi.split_once('/') else {
        return Some("is not a DOI (10.NNNN/suffix)");
    };
    let registrant = prefix.strip_prefix("10.").unwrap_or("");
    // Registrant codes have four digits or more (`10.1000`), sub-codes after dots.
    let code = registrant.split('.').next().unwrap_or("");
    if code.len() < 4
        || !registrant.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || suffix.is_empty()
        || doi.chars().any(char::is_whitespace)
    {
        return Some("is not a DOI (10.NNNN/suffix)");
    }
    None
}

/// A DOI from what sources write (`doi:10.1/x`, `https://doi.org/10.1/x`, `DOI 10.1/x`),
/// or `None` when there is none.
pub fn normalize_doi(raw: &str) -> Option<String> {
    // The first `10.` that starts a DOI: text around it may hold other numbers.
    raw.match_indices("10.").take(1000).find_map(|(at, _)| {
        let doi: String = raw[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>'))
            .take(MAX_FIELD_CHARS)
            .collect();
        let doi = doi.trim_end_matches(['.', ',', ';', ')', ']']);
        doi_problem(doi).is_none().then(|| doi.to_owned())
    })
}

/// What is wrong with a URL, or `None` when it is `http://` or `https://` with a host.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !url.chars().any(char::is_whitespace) => None,
        _ => Some("is not an http:// or https:// URL"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_normalized() {
        assert_eq!(date_problem("2020"), None);
        assert_eq!(date_problem("2020-05"), None);
        assert_eq!(date_problem("2020-05-31"), None);
        assert!(date_problem("2020-13").is_some());
        assert!(date_problem("2020-1-1").is_some());
        assert!(date_problem("May 2020").is_some());
        assert!(date_problem("2020-05-32").is_some());
        assert_eq!(
            normalize_date("2020-05-01T10:00:00Z").as_deref(),
            Some("2020-05-01")
        );
        assert_eq!(normalize_date("2020/05").as_deref(), Some("2020-05"));
        assert_eq!(
            normalize_date("D:20200501120000+01'00'").as_deref(),
            Some("2020-05-01")
        );
        assert_eq!(normalize_date("2019").as_deref(), Some("2019"));
        assert_eq!(normalize_date("Spring"), None);
    }

    #[test]
    fn dois_and_urls_are_checked_and_normalized() {
        assert_eq!(doi_problem("10.1000/xyz.1"), None);
        assert!(doi_problem("10.1000").is_some());
        assert!(doi_problem("11.1/x").is_some());
        assert_eq!(
            normalize_doi("https://doi.org/10.1080/10736700.2020.1.").as_deref(),
            Some("10.1080/10736700.2020.1")
        );
        assert_eq!(
            normalize_doi("doi:10.5555/a b").as_deref(),
            Some("10.5555/a")
        );
        assert!(doi_problem("10.5/a").is_some());
        assert_eq!(
            normalize_doi("Vol. 10.5 (2020), DOI 10.1234/x.9").as_deref(),
            Some("10.1234/x.9")
        );
        assert_eq!(normalize_doi("ISBN 978-0"), None);
        assert_eq!(url_problem("https://example.org/a"), None);
        assert!(url_problem("ftp://x").is_some());
        assert!(url_problem("https://").is_some());
    }

    #[test]
    fn cleaning_drops_what_would_not_load() {
        let b = Biblio {
            date: Some(" 2020-05-01T00:00 ".into()),
            doi: Some("not a doi".into()),
            url: Some("javascript:alert(1)".into()),
            volume: Some("  ".into()),
            container: Some("Journal\u{1b}[31m".into()),
            ..Biblio::default()
        }
        .cleaned();
        assert_eq!(b.date.as_deref(), Some("2020-05-01"));
        assert_eq!(b.doi, None);
        assert_eq!(b.url, None);
        assert_eq!(b.volume, None);
        assert!(!b.container.unwrap().contains('\u{1b}'));
        assert_eq!(
            Biblio {
                date: Some("1999-02".into()),
                ..Biblio::default()
            }
            .year(),
            Some(1999)
        );
    }
}
