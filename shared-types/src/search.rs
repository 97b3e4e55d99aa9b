//! Matching typed words against names, for searches in lists (a catalogue, a registry).

/// Lower case without French accents or ligatures, so that "cafe" finds "Café" and
/// "oeufs" finds "Œufs": people type on a tablet keyboard, often without accents.
pub fn fold_for_search(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            // Dashes and apostrophes of every kind read as a space.
            '-' | '—' | '–' | '\'' | '’' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// True when every word of `query` appears in `text` (both folded), in any order.
pub fn matches_words(text: &str, query: &str) -> bool {
    let text = fold_for_search(text);
    fold_for_search(query)
        .split_whitespace()
        .all(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_word_order_do_not_matter() {
        assert!(matches_words("Café moulu — arabica", "cafe"));
        assert!(matches_words("Café moulu — arabica", "ARABICA moulu"));
        assert!(matches_words("Œufs frais", "oeufs"));
        assert!(matches_words("Thon", "  "));
        assert!(!matches_words("Thon au naturel", "thé"));
    }
}
