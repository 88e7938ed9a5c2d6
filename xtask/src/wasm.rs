//! Reading a wasm module for the size breakdown (`cargo xtask bloat`) and the size rules: its
//! sections, and each function's size and name.
//!
//! The names come from the module's `name` section, which wasm-bindgen writes demangled
//! (`qualify_engine::eval::Ctx::measure::h51791551110c1b8e`); see `symbols.rs` for what is
//! read from them.

use std::ops::Range;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

use crate::Result;

pub struct Module {
    /// The sections in file order, each with its size in the file, header included.
    pub sections: Vec<Section>,
    /// The functions defined in the module (not the imported ones), in index order.
    pub functions: Vec<Function>,
    /// Bytes in the file.
    pub file_size: u64,
}

pub struct Section {
    /// `code`, `data`, …, or the name of a custom section (`name`, `producers`).
    pub name: String,
    pub custom: bool,
    pub size: u64,
}

pub struct Function {
    /// From the name section; `None` when it has no entry there.
    pub name: Option<String>,
    /// Bytes of its body in the code section, with the length that precedes it.
    pub size: u64,
}

impl Module {
    pub fn parse(bytes: &[u8]) -> Result<Module> {
        Self::read(bytes).map_err(|e| format!("cannot read the wasm module: {e}"))
    }

    fn read(bytes: &[u8]) -> wasmparser::Result<Module> {
        let mut module = Module {
            sections: Vec::new(),
            functions: Vec::new(),
            file_size: bytes.len() as u64,
        };
        let mut imported: u32 = 0;
        let mut names: Vec<(u32, String)> = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            let payload = payload?;
            // Custom sections (id 0) are listed below, with their names.
            if let Some((id @ 1.., range)) = payload.as_section() {
                module.sections.push(Section {
                    name: section_name(id).to_owned(),
                    custom: false,
                    size: with_header(bytes, range),
                });
            }
            match payload {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        if matches!(import?.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                            imported += 1;
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => module.functions.push(Function {
                    name: None,
                    size: with_length(bytes, body.range()),
                }),
                Payload::CustomSection(custom) => {
                    module.sections.push(Section {
                        name: custom.name().to_owned(),
                        custom: true,
                        size: with_header(bytes, custom.range()),
                    });
                    if let KnownCustom::Name(reader) = custom.as_known() {
                        for subsection in reader {
                            if let Name::Function(map) = subsection? {
                                for naming in map {
                                    let naming = naming?;
                                    names.push((naming.index, naming.name.to_owned()));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // The name section numbers functions with the imported ones first.
        for (index, name) in names {
            if let Some(function) = index
                .checked_sub(imported)
                .and_then(|i| module.functions.get_mut(i as usize))
            {
                function.name = Some(name);
            }
        }
        Ok(module)
    }

    /// Bytes the module has without its names and debug information: what dist/ serves, since
    /// wasm-opt drops those there.
    pub fn shipped_size(&self) -> u64 {
        let debug: u64 = self
            .sections
            .iter()
            .filter(|s| s.custom && is_debug_section(&s.name))
            .map(|s| s.size)
            .sum();
        self.file_size - debug
    }
}

/// Custom sections that only tools read: dropped from the shipped wasm.
pub fn is_debug_section(name: &str) -> bool {
    name == "name" || name.starts_with(".debug")
}

fn section_name(id: u8) -> &'static str {
    match id {
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        13 => "tag",
        _ => "other",
    }
}

/// The size of a section whose contents are `range`, with the id byte and the length before it.
fn with_header(bytes: &[u8], range: Range<usize>) -> u64 {
    // A custom section's range from wasmparser starts at its name, like a standard section's at
    // its contents: both are preceded by the id and the length.
    1 + leb_length(bytes, range.start) + range.len() as u64
}

/// The size of a function body whose contents are `range`, with the length before it.
fn with_length(bytes: &[u8], range: Range<usize>) -> u64 {
    leb_length(bytes, range.start) + range.len() as u64
}

/// How many bytes the LEB128 number that ends just before `end` takes. Only the last byte of a
/// LEB128 number has its high bit clear, so the number starts after the previous such byte;
/// the byte before it (the section id, or the end of the previous body) is at most 4 bytes
/// further back, since lengths fit in 5 bytes.
fn leb_length(bytes: &[u8], end: usize) -> u64 {
    let mut length = 1;
    while length < 5 && end > length && bytes[end - length - 1] & 0x80 != 0 {
        length += 1;
    }
    length as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module built by hand: one imported function, three defined ones (the second calls the
    /// first and the import, the third itself and the first), one of them in a table; a data
    /// segment; names for the import and two of the three.
    fn module_bytes() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        let mut section = |id: u8, contents: &[u8]| {
            m.push(id);
            m.push(contents.len() as u8);
            m.extend_from_slice(contents);
        };
        section(1, &[1, 0x60, 0, 0]); // type: () -> ()
        section(2, &[1, 1, b'm', 1, b'f', 0, 0]); // import m.f, type 0
        section(3, &[3, 0, 0, 0]); // three functions of type 0
        section(4, &[1, 0x70, 0, 1]); // a funcref table of at least one
        section(5, &[1, 0, 1]); // memory: at least one page
        section(9, &[1, 0, 0x41, 0, 0x0b, 1, 1]); // element: function 1 at offset 0
        section(
            10,
            &[
                3, // bodies
                2, 0, 0x0b, // no locals, end
                6, 0, 0x10, 1, 0x10, 0, 0x0b, // call 1, call 0 (the import)
                6, 0, 0x10, 3, 0x10, 1, 0x0b, // call 3 (itself), call 1
            ],
        );
        let mut name = vec![4, b'n', b'a', b'm', b'e', 1];
        let map: &[u8] = &[
            3, 0, 1, b'f', 1, 3, b'o', b'n', b'e', 3, 5, b't', b'h', b'r', b'e', b'e',
        ];
        name.push(map.len() as u8);
        name.extend_from_slice(map);
        section(11, &[1, 0, 0x41, 0, 0x0b, 3, b'a', b'b', b'c']);
        section(0, &name);
        m
    }

    fn code_size(module: &Module) -> u64 {
        module.functions.iter().map(|f| f.size).sum()
    }

    #[test]
    fn reads_functions_with_their_names_and_sizes() {
        let bytes = module_bytes();
        let module = Module::parse(&bytes).unwrap();
        let names: Vec<Option<&str>> = module.functions.iter().map(|f| f.name.as_deref()).collect();
        assert_eq!(names, [Some("one"), None, Some("three")]);
        let sizes: Vec<u64> = module.functions.iter().map(|f| f.size).collect();
        assert_eq!(sizes, [3, 7, 7]);
        assert_eq!(code_size(&module), 17);
    }

    #[test]
    fn section_sizes_add_up_to_the_file() {
        let bytes = module_bytes();
        let module = Module::parse(&bytes).unwrap();
        let sections: u64 = module.sections.iter().map(|s| s.size).sum();
        assert_eq!(sections + 8, bytes.len() as u64);
        let code = module.sections.iter().find(|s| s.name == "code").unwrap();
        // The code section's count byte, then the bodies.
        assert_eq!(code.size, 2 + 1 + code_size(&module));
        let names: Vec<&str> = module.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["type", "import", "function", "table", "memory", "element", "code", "data", "name"]
        );
        let name = module.sections.iter().find(|s| s.name == "name").unwrap();
        assert!(name.custom);
        assert_eq!(module.shipped_size(), bytes.len() as u64 - name.size);
    }

    #[test]
    fn measures_leb128_lengths_backwards() {
        // 0x81 0x01 is 129, two bytes; the byte before it (0x0a) ends the previous item.
        let bytes = [0x0a, 0x81, 0x01, 0xff];
        assert_eq!(leb_length(&bytes, 3), 2);
        assert_eq!(leb_length(&[0x0a, 0x05, 0xff], 2), 1);
    }
}
