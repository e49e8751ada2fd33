//! The language of a short text (a title, a description), when its function words make it
//! clear: at least two of them, and at least twice as many as for any other language.

/// Function words per language (lower case). A word may belong to several languages.
const WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "for", "with", "on", "at", "from", "by", "about", "around", "into", "your",
            "you", "my", "our", "we", "how", "what", "why", "is", "are", "it", "this", "that", "a", "an", "or", "not",
            "can", "without", "beyond", "through", "when", "where", "who", "lets", "its", "their", "way", "up", "down",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "i", "gli", "le", "di", "dei", "degli", "delle", "della", "dello", "del", "nel", "nella",
            "nell", "dell", "all", "alla", "che", "e", "per", "con", "un", "una", "uno", "da", "dal", "come", "sono",
            "non", "vuoi", "abbiamo", "nei", "sul", "sulla",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "en", "con", "por", "para", "un", "una", "que", "cómo", "qué",
            "por qué", "es", "al", "lo", "su", "sus", "como",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "mit", "für", "von", "ein", "eine", "einer", "zu", "im", "ist", "wie", "auf",
            "nicht", "den", "dem", "des",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "pour", "avec", "une", "un", "du", "dans", "sur", "est", "comment", "pas",
            "au", "aux", "en",
        ],
    ),
    (
        "pt",
        &["o", "os", "as", "do", "da", "dos", "das", "e", "com", "para", "um", "uma", "em", "no", "na", "como", "não"],
    ),
];

/// The length in bytes of the longest function word.
const LONGEST: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < WORDS.len() {
        let mut j = 0;
        while j < WORDS[i].1.len() {
            if WORDS[i].1[j].len() > longest {
                longest = WORDS[i].1[j].len();
            }
            j += 1;
        }
        i += 1;
    }
    longest
};

/// Each function word and the languages (bits, in [`WORDS`] order) it belongs to.
static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, u8>> = std::sync::LazyLock::new(|| {
    let mut index = rustc_hash::FxHashMap::default();
    for (i, (_, list)) in WORDS.iter().enumerate() {
        for w in *list {
            *index.entry(*w).or_insert(0u8) |= 1 << i;
        }
    }
    index
});

/// [`INDEX`] for ASCII words, each packed in a `u64` ([`packed`]): the words of ASCII letters
/// (the others never match an ASCII text's words). The profile showed the string index's
/// UTF-8 check, hashing and comparison for each word of every title.
static ASCII_INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<u64, u8>> = std::sync::LazyLock::new(|| {
    INDEX
        .iter()
        .filter(|(w, _)| w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(w, &langs)| (packed(w.as_bytes()), langs))
        .collect()
});

/// The bytes of a word of at most eight ASCII letters, lowered, in a `u64` (letters are not
/// zero, so distinct words give distinct numbers).
fn packed(w: &[u8]) -> u64 {
    w.iter().fold(0, |n, &b| n << 8 | u64::from(b.to_ascii_lowercase()))
}

const _: () = assert!(LONGEST <= 8, "function words fit in a u64");

/// The BCP 47 tag of `text`'s language, or `None` when its words do not make it clear.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; WORDS.len()];
    fn add(counts: &mut [usize; WORDS.len()], langs: u8) {
        for (i, n) in counts.iter_mut().enumerate() {
            *n += usize::from(langs >> i & 1);
        }
    }
    if text.is_ascii() {
        // ASCII is lowered, and its letters told, byte by byte; a word longer than every
        // function word is not lowered at all.
        let index = &*ASCII_INDEX;
        for w in text.as_bytes().split(|c| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty() && w.len() <= LONGEST) {
            if let Some(&langs) = index.get(&packed(w)) {
                add(&mut counts, langs);
            }
        }
    } else {
        let lower = text.to_lowercase();
        for w in lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            if let Some(&langs) = INDEX.get(w) {
                add(&mut counts, langs);
            }
        }
    }
    // The first language with the most words, and the most any other has.
    let (best_at, &best) = counts.iter().enumerate().rev().max_by_key(|(_, n)| **n)?;
    let second = counts.iter().enumerate().filter(|(i, _)| *i != best_at).map(|(_, n)| *n).max().unwrap_or(0);
    (best >= 2 && best >= 2 * second).then_some(WORDS[best_at].0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first implementation: every list scanned for every word.
    fn detect_by_scanning(text: &str) -> Option<&'static str> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        let mut scores: Vec<(usize, &'static str)> =
            WORDS.iter().map(|(lang, list)| (words.iter().filter(|w| list.contains(w)).count(), *lang)).collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.0));
        let (best, lang) = scores[0];
        let second = scores.get(1).map_or(0, |s| s.0);
        (best >= 2 && best >= 2 * second).then_some(lang)
    }

    proptest! {
        /// Function words of every language, other words, case and separators mixed.
        #[test]
        fn index_agrees_with_scanning(words in prop::collection::vec(prop::sample::select(vec![
            "the", "The", "and", "of", "il", "la", "LA", "de", "del", "y", "der", "und", "le", "et", "o", "da", "e",
            "como", "en", "un", "una", "Rust", "İl", "por qué", "qué", "für", "x", "WITHOUT", "without", "withouts",
            "Abbiamo", "THROUGH", "\u{212A}", "NOT", "9", "",
        ]), 0..12), sep in prop::sample::select(vec![" ", "-", ", ", "'", "_", "1", "\t"])) {
            let text = words.join(sep);
            prop_assert_eq!(detect(&text), detect_by_scanning(&text), "{}", text);
        }
    }

    #[test]
    fn clear_or_nothing() {
        assert_eq!(detect("Stay Close to the Metal"), Some("en"));
        assert_eq!(detect("Sii il cambiamento che vuoi vedere nel mondo"), Some("it"));
        assert_eq!(
            detect("Preservare la Privacy dei Dati Personali nell'Era dell'IA: Un Approccio Pratico con Nerpii"),
            Some("it")
        );
        assert_eq!(detect("Cómo escalar un chatbot con Ray y pandas"), Some("es"));
        assert_eq!(detect("Python-friendly cloud infrastructure management"), None);
        assert_eq!(detect("Myths and fairy tales around Python performance"), Some("en"));
        assert_eq!(detect("Rust"), None);
        // A tie is not clear: two English and two Italian words.
        assert_eq!(detect("the way of il nel"), None);
        assert_eq!(detect(""), None);
    }
}
