//! The words of the formats that name a kind, a method, an operator or an outcome: each is an
//! enum whose spellings are listed once, with its variants, by [`words!`]. Readers look words up
//! in `VOCAB`, results print `slug()`, and the engine matches on the enum, so a misspelling does
//! not compile and a new word must be handled wherever its enum is matched.

/// Declares an enum of words: `words! { /// docs \n pub enum Agg { Sum = "sum", ... } }`. It
/// gets `VOCAB` (every word with its spelling, in the order given), `slug()` and `from_slug()`,
/// and serializes as its spelling.
macro_rules! words {
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vm:meta])* $variant:ident = $slug:literal,)*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vm])* $variant,)*
        }

        impl $name {
            /// Every word with its spelling, in the order the format documents them.
            pub const VOCAB: &'static [(&'static str, $name)] = &[$(($slug, $name::$variant)),*];

            /// The spelling in packs, profiles and results.
            pub fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)*
                }
            }

            pub fn from_slug(s: &str) -> Option<$name> {
                Self::VOCAB.iter().find(|(w, _)| *w == s).map(|(_, v)| *v)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.slug())
            }
        }
    };
}

pub(crate) use words;

#[cfg(test)]
mod tests {
    words! {
        enum Fruit {
            Apple = "apple",
            Pear = "pear",
        }
    }

    #[test]
    fn spellings_are_listed_once_and_read_back() {
        for (s, w) in Fruit::VOCAB {
            assert_eq!(w.slug(), *s);
            assert_eq!(Fruit::from_slug(s), Some(*w));
        }
        assert_eq!(Fruit::VOCAB.len(), 2);
        assert_eq!(Fruit::from_slug("plum"), None);
        assert_eq!(serde_json::to_string(&Fruit::Pear).unwrap(), "\"pear\"");
    }
}
