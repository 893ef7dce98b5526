//! The lexicon's trie as a double array: a step from a state on a byte is one table read and one
//! comparison, whatever the number of patterns. ASCII letters match in either case (an uppercase
//! letter shares its lowercase letter's class), so the text is walked as it is, with no
//! lowercased copy.
//!
//! Every state is a cell. The children of a state sit at `base + class` of their byte, and each
//! child records its parent in `check`, so a step is `next = base[state] + class[byte]`, valid
//! when `check[next] == state`. Bytes are mapped to dense classes first (only the bytes some
//! pattern contains get one), which keeps the array small and ends a walk at once on any other
//! byte. Only anchored walks from the root are needed (see `Lexicon::scan`), so the trie has no
//! failure links: the general Aho-Corasick automaton it replaces spent about half of a short
//! message's lexicon time decoding its sparse states, and its code was a tenth of the WASM
//! module's lexicon cost.

/// A cell of the array: one state.
#[derive(Clone, Copy)]
struct Cell {
    /// Where this state's children start (offset by their byte class).
    base: u32,
    /// The parent state, or [`FREE`] for an unused cell.
    check: u32,
    /// The pattern that ends in this state, or [`NONE`].
    pattern: u32,
}

const FREE: u32 = u32::MAX;
const NONE: u32 = u32::MAX;
/// The root's `check`: in use, and equal to no state.
const NO_PARENT: u32 = u32::MAX - 1;

/// The state before any byte.
const ROOT: u32 = 0;

/// Byte patterns compiled for anchored walks.
pub(crate) struct Trie {
    /// Byte → class, `0` for bytes no pattern contains.
    classes: [u8; 256],
    cells: Vec<Cell>,
}

/// A trie node while building: children by class, and the pattern ending here.
#[derive(Default)]
struct Node {
    children: Vec<(u8, u32)>,
    pattern: Option<u32>,
}

impl Trie {
    /// Compiles `patterns` (non-empty; duplicates, ignoring ASCII case, keep the first id).
    /// Pattern `i` is reported as `i`.
    pub(crate) fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Trie {
        let lowercase: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| p.as_ref().to_ascii_lowercase())
            .collect();
        let classes = byte_classes(&lowercase);
        let nodes = tree(&lowercase, &classes);
        let cells = place(&nodes);
        Trie { classes, cells }
    }

    /// Walks `bytes` from the root while some pattern continues, calling `found(len, pattern)`
    /// for each pattern that `bytes` starts with (ignoring ASCII case), shortest first.
    #[inline]
    pub(crate) fn walk(&self, bytes: &[u8], mut found: impl FnMut(usize, usize)) {
        let cells = &self.cells[..];
        let Some(root) = cells.first() else {
            return;
        };
        let (mut state, mut base) = (ROOT, root.base);
        for (i, &b) in bytes.iter().enumerate() {
            // A byte outside every pattern has class 0, and no cell at `base + 0` is a child
            // (children sit at classes from 1; the root's `check` is no state): the check fails.
            let next = (base as usize).wrapping_add(usize::from(self.classes[usize::from(b)]));
            match cells.get(next) {
                Some(cell) if cell.check == state => {
                    (state, base) = (next as u32, cell.base);
                    if cell.pattern != NONE {
                        found(i + 1, cell.pattern as usize);
                    }
                }
                _ => return,
            }
        }
    }

    /// Whether some pattern starts with `byte`.
    pub(crate) fn starts_with(&self, byte: u8) -> bool {
        let class = self.classes[usize::from(byte)];
        let base = self.cells.first().map_or(0, |c| c.base);
        class != 0
            && self
                .cells
                .get(base as usize + usize::from(class))
                .is_some_and(|c| c.check == ROOT)
    }

    /// Heap bytes used.
    pub(crate) fn memory_usage(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<Cell>()
    }
}

/// Classes `1..` for the bytes the (lowercase) patterns contain, in byte order; each uppercase
/// ASCII letter takes its lowercase letter's class.
fn byte_classes(patterns: &[Vec<u8>]) -> [u8; 256] {
    let mut used = [false; 256];
    for p in patterns {
        for &b in p {
            used[usize::from(b)] = true;
        }
    }
    let mut classes = [0u8; 256];
    let mut next: u8 = 0;
    for (b, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        // At most 230 classes exist besides 0: no pattern holds an uppercase ASCII letter.
        next = next.saturating_add(1);
        classes[b] = next;
    }
    for upper in b'A'..=b'Z' {
        classes[usize::from(upper)] = classes[usize::from(upper.to_ascii_lowercase())];
    }
    classes
}

/// The patterns as a tree of nodes (node 0 is the root), children sorted by class.
fn tree(patterns: &[Vec<u8>], classes: &[u8; 256]) -> Vec<Node> {
    let mut nodes = vec![Node::default()];
    for (id, p) in patterns.iter().enumerate() {
        let mut at = 0usize;
        for &b in p {
            let class = classes[usize::from(b)];
            at = match nodes[at].children.iter().find(|(c, _)| *c == class) {
                Some(&(_, child)) => child as usize,
                None => {
                    let child = nodes.len();
                    nodes.push(Node::default());
                    nodes[at].children.push((class, child as u32));
                    child
                }
            };
        }
        if at != 0 {
            let id = u32::try_from(id).unwrap_or(NONE);
            nodes[at].pattern.get_or_insert(id);
        }
    }
    for node in &mut nodes {
        node.children.sort_unstable();
    }
    nodes
}

/// Lays the tree out as a double array, breadth first: each node's children go at the lowest
/// base where all their cells are free.
fn place(nodes: &[Node]) -> Vec<Cell> {
    let free = Cell {
        base: 0,
        check: FREE,
        pattern: NONE,
    };
    let mut cells = vec![free; nodes.len() * 2];
    cells[0].check = NO_PARENT;
    cells[0].pattern = nodes[0].pattern.unwrap_or(NONE);
    // The lowest cell that may be free: the search for a base starts there.
    let mut first_free = 1usize;
    let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
    while let Some((node, cell)) = queue.pop_front() {
        let children = &nodes[node].children;
        let Some(&(lowest, _)) = children.first() else {
            continue;
        };
        while cells.get(first_free).is_some_and(|c| c.check != FREE) {
            first_free += 1;
        }
        // Try each free cell (from the lowest) for the first child; the others must fit too.
        let lowest = usize::from(lowest);
        let mut slot = first_free.max(lowest);
        let base = loop {
            while cells.get(slot).is_some_and(|c| c.check != FREE) {
                slot += 1;
            }
            let base = slot - lowest;
            let fits = children[1..].iter().all(|&(class, _)| {
                cells
                    .get(base + usize::from(class))
                    .is_none_or(|c| c.check == FREE)
            });
            if fits {
                break base;
            }
            slot += 1;
        };
        let highest = children.last().map_or(0, |&(class, _)| usize::from(class));
        if cells.len() <= base + highest {
            cells.resize(base + highest + 1, free);
        }
        cells[cell].base = base as u32;
        for &(class, child) in children {
            let at = base + usize::from(class);
            cells[at].check = cell as u32;
            cells[at].pattern = nodes[child as usize].pattern.unwrap_or(NONE);
            queue.push_back((child as usize, at));
        }
    }
    // Drop the unused tail.
    let used = cells
        .iter()
        .rposition(|c| c.check != FREE)
        .map_or(1, |i| i + 1);
    cells.truncate(used);
    cells.shrink_to_fit();
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pattern that `text` starts with, by walking.
    fn walk(trie: &Trie, text: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        trie.walk(text, |_, pattern| found.push(pattern));
        found
    }

    #[test]
    fn walks_find_every_prefix_pattern() {
        let patterns = ["a", "ab", "abc", "b", "bcd", "zz", "ñ"];
        let trie = Trie::new(&patterns);
        assert_eq!(walk(&trie, b"abcd"), vec![0, 1, 2]);
        assert_eq!(walk(&trie, b"bcdx"), vec![3, 4]);
        assert_eq!(walk(&trie, b"z"), Vec::<usize>::new());
        assert_eq!(walk(&trie, "ñu".as_bytes()), vec![6]);
        assert_eq!(walk(&trie, b"ABc"), vec![0, 1, 2]);
        assert!(trie.starts_with(b'z') && trie.starts_with(b'Z') && !trie.starts_with(b'q'));
    }

    use proptest::prelude::*;

    proptest! {
        /// A walk from the root finds exactly the patterns the text starts with, ignoring
        /// ASCII case.
        #[test]
        fn walks_match_prefix_tests(
            patterns in proptest::collection::vec("[a-eA-E]{1,5}|[\\x00-\\xff]{1,3}", 1..60),
            text in "[a-eA-E]{0,8}|[\\x00-\\xff]{0,6}",
        ) {
            let trie = Trie::new(&patterns);
            let lower = |s: &str| s.as_bytes().to_ascii_lowercase();
            let mut expected: Vec<usize> = (0..patterns.len())
                .filter(|&i| lower(&text).starts_with(&lower(&patterns[i])))
                .filter(|&i| patterns[..i].iter().all(|p| lower(p) != lower(&patterns[i])))
                .collect();
            expected.sort_by_key(|&i| patterns[i].len());
            prop_assert_eq!(walk(&trie, text.as_bytes()), expected);
        }
    }
}
