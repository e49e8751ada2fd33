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

/// The BCP 47 tag of `text`'s language, or `None` when its words do not make it clear.
pub fn detect(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let mut scores: Vec<(usize, &'static str)> =
        WORDS.iter().map(|(lang, list)| (words.iter().filter(|w| list.contains(w)).count(), *lang)).collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, lang) = scores[0];
    let second = scores.get(1).map_or(0, |s| s.0);
    (best >= 2 && best >= 2 * second).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
