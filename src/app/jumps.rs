//! The jump list: where the reader was before each jump (a search, the outline, `:`, a
//! bookmark, the start or the end), walked back with `C-o` and forward with `C-i`.

use super::Reader;

/// How many places the jump list keeps.
const MAX_JUMPS: usize = 100;

/// Places left by jumps, oldest first, and those walked back past.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JumpList {
    /// Places before the current one, oldest first.
    back: Vec<Reader>,
    /// Places walked back from, nearest last.
    forward: Vec<Reader>,
}

impl JumpList {
    /// Remembers `from`, the place a jump left; a new jump forgets the way forward.
    pub fn push(&mut self, from: Reader) {
        self.forward.clear();
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > MAX_JUMPS {
            self.back.remove(0);
        }
    }

    /// The place before `here`, if any; `here` becomes the way forward.
    pub fn back(&mut self, here: Reader) -> Option<Reader> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place walked back from last, if any; `here` goes back on the list.
    pub fn forward(&mut self, here: Reader) -> Option<Reader> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// `''`: the place the last jump left, if any, which `here` replaces (so doing it
    /// again comes back).
    pub fn swap(&mut self, here: Reader) -> Option<Reader> {
        let to = self.back.pop()?;
        self.push(here);
        Some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(cursor: usize) -> Reader {
        Reader {
            cursor,
            ..Reader::default()
        }
    }

    #[test]
    fn back_and_forward_walk_the_list_and_a_new_jump_drops_the_way_forward() {
        let mut j = JumpList::default();
        j.push(at(1));
        j.push(at(2));
        assert_eq!(j.back(at(3)), Some(at(2)));
        assert_eq!(j.back(at(2)), Some(at(1)));
        assert_eq!(j.back(at(1)), None);
        assert_eq!(j.forward(at(1)), Some(at(2)));
        j.push(at(2));
        assert_eq!(j.forward(at(5)), None);
        assert_eq!(j.swap(at(7)), Some(at(2)));
        assert_eq!(j.swap(at(2)), Some(at(7)));
    }
}
