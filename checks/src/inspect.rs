//! What a built library is, read from its file with the `object` crate (no
//! readelf or nm): its format and machine, the symbols it exports and
//! imports, the libraries it needs, its SONAME, its segments' alignment, and
//! the members of a static archive. ELF is read in full; PE and Mach-O go
//! through the same [`Library`] where `object` reads them alike (machine,
//! exports, imports), and their own facts join as methods beside the ELF ones
//! (a PE's PDB record; a Windows import library's members); whether some
//! text (a build path) is anywhere in a file's bytes. What only Mach-O has
//! (its load commands, id, minimum OS, binds, code signature) is in
//! [`crate::macho`], which reads a [`Library`]'s bytes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use object::read::archive::ArchiveFile;
use object::{Architecture, BinaryFormat, Endianness, Object, ObjectSection, ObjectSegment, ObjectSymbol};

pub use object::{Architecture as Machine, BinaryFormat as Format};

/// A shared library, executable or object file, read into memory.
pub struct Library {
    pub path: PathBuf,
    data: Vec<u8>,
}

/// A symbol the file defines or needs, with its version where ELF gives one
/// (`IOT_ERROR_CODES_0.1` of `iot_error_describe@@IOT_ERROR_CODES_0.1`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Symbol {
    pub name: String,
    pub version: Option<String>,
}

/// A loadable segment: its file offset, virtual address and alignment, and its flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub offset: u64,
    pub address: u64,
    pub align: u64,
    pub writable: bool,
    pub executable: bool,
}

impl Library {
    /// Reads `path`; panics, naming it, if it cannot be read or parsed.
    pub fn open(path: impl AsRef<Path>) -> Library {
        let path = path.as_ref().to_path_buf();
        let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let library = Library { path, data };
        library.file();
        library
    }

    /// The file's bytes, as read.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// The file as the `object` crate reads it, for what a format alone has
    /// ([`crate::macho`]).
    pub fn object(&self) -> object::File<'_> {
        self.file()
    }

    fn file(&self) -> object::File<'_> {
        object::File::parse(&*self.data).unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
    }

    /// ELF, PE, Mach-O...
    pub fn format(&self) -> BinaryFormat {
        self.file().format()
    }

    /// The CPU it is built for.
    pub fn machine(&self) -> Architecture {
        self.file().architecture()
    }

    /// Whether it is a shared library (ELF ET_DYN, a PE DLL, a Mach-O dylib).
    pub fn is_shared(&self) -> bool {
        self.file().kind() == object::ObjectKind::Dynamic
    }

    /// Whether its words are 64-bit (ELF64, PE32+, Mach-O 64).
    pub fn is_64(&self) -> bool {
        self.file().is_64()
    }

    pub fn is_big_endian(&self) -> bool {
        self.file().endianness() == Endianness::Big
    }

    /// The symbols it exports: the dynamic symbol table's defined global
    /// ones for ELF, the export table for PE and Mach-O.
    pub fn exports(&self) -> BTreeSet<Symbol> {
        let file = self.file();
        if file.format() == BinaryFormat::Elf {
            return self.elf_dynamic_symbols(true);
        }
        file.exports()
            .unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
            .iter()
            .map(|e| Symbol {
                name: String::from_utf8_lossy(e.name()).into_owned(),
                version: None,
            })
            .collect()
    }

    /// The names of [`exports`](Self::exports).
    pub fn export_names(&self) -> BTreeSet<String> {
        self.exports().into_iter().map(|s| s.name).collect()
    }

    /// The symbols it needs from elsewhere: the undefined dynamic symbols
    /// for ELF, the import table for PE and Mach-O.
    pub fn imports(&self) -> BTreeSet<Symbol> {
        let file = self.file();
        if file.format() == BinaryFormat::Elf {
            return self.elf_dynamic_symbols(false);
        }
        file.imports()
            .unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
            .iter()
            .map(|i| Symbol {
                name: String::from_utf8_lossy(i.name()).into_owned(),
                version: None,
            })
            .collect()
    }

    /// The symbols it imports, each as (the library it is imported from, its
    /// name): PE's and Mach-O's import tables (ELF does not say where a
    /// symbol comes from: its library is empty).
    pub fn imports_by_library(&self) -> BTreeSet<(String, String)> {
        self.file()
            .imports()
            .unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
            .iter()
            .map(|i| {
                (
                    String::from_utf8_lossy(i.library()).into_owned(),
                    String::from_utf8_lossy(i.name()).into_owned(),
                )
            })
            .collect()
    }

    /// Whether it is a PE file that carries a CodeView record: the path of a
    /// PDB file (the linker wrote debug information beside it).
    pub fn names_a_pdb(&self) -> bool {
        self.file()
            .pdb_info()
            .unwrap_or_else(|e| panic!("{}: debug directory: {e}", self.path.display()))
            .is_some()
    }

    /// The first of `needles` found anywhere in its bytes, with its offset.
    pub fn find_any<'n>(&self, needles: &'n [String]) -> Option<(&'n str, usize)> {
        find_any(&self.data, needles)
    }

    /// The program interpreter an ELF program asks for (PT_INTERP), if any.
    pub fn elf_interpreter(&self) -> Option<String> {
        fn read<Elf: object::read::elf::FileHeader>(elf: &object::read::elf::ElfFile<'_, Elf>) -> Option<String> {
            use object::read::elf::ProgramHeader;
            elf.elf_program_headers().iter().find_map(|header| {
                let interp = header.interpreter(elf.endian(), elf.data()).ok()??;
                Some(String::from_utf8_lossy(interp).trim_end_matches('\0').to_string())
            })
        }
        match &self.file() {
            object::File::Elf32(elf) => read(elf),
            object::File::Elf64(elf) => read(elf),
            _ => None,
        }
    }

    /// The names of every symbol it has, static and dynamic, defined or not.
    pub fn symbol_names(&self) -> BTreeSet<String> {
        let file = self.file();
        file.symbols()
            .chain(file.dynamic_symbols())
            .filter_map(|s| s.name().ok().map(str::to_string))
            .filter(|name| !name.is_empty())
            .collect()
    }

    /// The libraries it needs (ELF's NEEDED entries; PE's and Mach-O's
    /// imported libraries).
    pub fn needed(&self) -> Vec<String> {
        let file = self.file();
        if file.format() == BinaryFormat::Elf {
            return self.elf_dynamic_strings(object::elf::DT_NEEDED);
        }
        let mut libraries: Vec<String> = file
            .imports()
            .unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
            .iter()
            .map(|i| String::from_utf8_lossy(i.library()).into_owned())
            .collect();
        libraries.dedup();
        libraries
    }

    /// ELF's SONAME.
    pub fn soname(&self) -> Option<String> {
        self.elf_dynamic_strings(object::elf::DT_SONAME).into_iter().next()
    }

    /// Whether the ELF dynamic section has an entry with this tag
    /// (`object::elf::DT_TEXTREL`, `DT_HASH`, `DT_GNU_HASH`...).
    pub fn has_dynamic(&self, tag: u32) -> bool {
        self.elf_dynamic().iter().any(|(t, _)| *t == u64::from(tag))
    }

    /// The flags of ELF's DT_FLAGS entry (0 without one).
    pub fn dynamic_value(&self, tag: u32) -> Option<u64> {
        self.elf_dynamic()
            .into_iter()
            .find(|(t, _)| *t == u64::from(tag))
            .map(|(_, v)| v)
    }

    /// The loadable segments (ELF's PT_LOAD), in file order.
    pub fn load_segments(&self) -> Vec<Segment> {
        use object::read::elf::ProgramHeader;
        let file = self.file();
        let mut segments = Vec::new();
        match &file {
            object::File::Elf32(elf) => {
                for header in elf.elf_program_headers() {
                    let e = elf.endian();
                    if header.p_type(e) == object::elf::PT_LOAD {
                        let flags = header.p_flags(e);
                        segments.push(Segment {
                            offset: header.p_offset(e).into(),
                            address: header.p_vaddr(e).into(),
                            align: header.p_align(e).into(),
                            writable: flags & object::elf::PF_W != 0,
                            executable: flags & object::elf::PF_X != 0,
                        });
                    }
                }
            }
            object::File::Elf64(elf) => {
                for header in elf.elf_program_headers() {
                    let e = elf.endian();
                    if header.p_type(e) == object::elf::PT_LOAD {
                        let flags = header.p_flags(e);
                        segments.push(Segment {
                            offset: header.p_offset(e),
                            address: header.p_vaddr(e),
                            align: header.p_align(e),
                            writable: flags & object::elf::PF_W != 0,
                            executable: flags & object::elf::PF_X != 0,
                        });
                    }
                }
            }
            _ => {
                for segment in file.segments() {
                    let (offset, _) = segment.file_range();
                    segments.push(Segment {
                        offset,
                        address: segment.address(),
                        align: segment.align(),
                        writable: false,
                        executable: false,
                    });
                }
            }
        }
        segments
    }

    /// The ELF program header types it has (`object::elf::PT_GNU_STACK`...),
    /// with their flags.
    pub fn program_headers(&self) -> Vec<(u32, u32)> {
        use object::read::elf::ProgramHeader;
        match &self.file() {
            object::File::Elf32(elf) => elf
                .elf_program_headers()
                .iter()
                .map(|h| (h.p_type(elf.endian()), h.p_flags(elf.endian())))
                .collect(),
            object::File::Elf64(elf) => elf
                .elf_program_headers()
                .iter()
                .map(|h| (h.p_type(elf.endian()), h.p_flags(elf.endian())))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The bytes its allocated sections take in memory: code, data and
    /// zero-initialised data (binutils `size`'s "dec").
    pub fn loaded_size(&self) -> u64 {
        self.file()
            .sections()
            .filter(|s| match s.flags() {
                object::SectionFlags::Elf { sh_flags } => sh_flags & u64::from(object::elf::SHF_ALLOC) != 0,
                _ => s.address() != 0,
            })
            .map(|s| s.size())
            .sum()
    }

    /// The names of its sections.
    pub fn section_names(&self) -> BTreeSet<String> {
        self.file()
            .sections()
            .filter_map(|s| s.name().ok().map(str::to_string))
            .collect()
    }

    /// Whether it has a (static) symbol table besides the dynamic one: not stripped.
    pub fn has_symbol_table(&self) -> bool {
        self.file().symbols().next().is_some()
    }

    /// ELF's e_flags (the ARM float ABI, the MIPS ISA...).
    pub fn elf_flags(&self) -> u32 {
        match self.file().flags() {
            object::FileFlags::Elf { e_flags, .. } => e_flags,
            _ => 0,
        }
    }

    fn elf_dynamic_symbols(&self, defined: bool) -> BTreeSet<Symbol> {
        let file = self.file();
        let versions = self.elf_symbol_versions();
        file.dynamic_symbols()
            .filter(|s| s.is_undefined() != defined && (!defined || s.is_global()))
            .filter(|s| s.index().0 != 0)
            .map(|s| Symbol {
                name: s.name().unwrap_or_default().to_string(),
                version: versions.get(s.index().0).cloned().flatten(),
            })
            .filter(|s| !s.name.is_empty())
            .collect()
    }

    /// The version of each dynamic symbol, by index (ELF's .gnu.version with
    /// .gnu.version_d and _r).
    fn elf_symbol_versions(&self) -> Vec<Option<String>> {
        fn read<Elf: object::read::elf::FileHeader>(elf: &object::read::elf::ElfFile<'_, Elf>) -> Vec<Option<String>> {
            let sections = elf.elf_section_table();
            let Ok(Some(table)) = sections.versions(elf.endian(), elf.data()) else {
                return Vec::new();
            };
            let count = elf.dynamic_symbols().count() + 1;
            (0..count)
                .map(|i| {
                    let index = table.version_index(elf.endian(), object::SymbolIndex(i));
                    table
                        .version(index)
                        .ok()
                        .flatten()
                        .map(|v| String::from_utf8_lossy(v.name()).into_owned())
                })
                .collect()
        }
        match &self.file() {
            object::File::Elf32(elf) => read(elf),
            object::File::Elf64(elf) => read(elf),
            _ => Vec::new(),
        }
    }

    /// ELF's dynamic entries, (tag, value).
    fn elf_dynamic(&self) -> Vec<(u64, u64)> {
        fn read<Elf: object::read::elf::FileHeader>(elf: &object::read::elf::ElfFile<'_, Elf>) -> Vec<(u64, u64)> {
            use object::read::elf::Dyn;
            let e = elf.endian();
            let sections = elf.elf_section_table();
            let mut entries = Vec::new();
            for section in sections.iter() {
                if let Ok(Some((dynamic, _))) = object::read::elf::SectionHeader::dynamic(section, e, elf.data()) {
                    for d in dynamic {
                        entries.push((d.d_tag(e).into(), d.d_val(e).into()));
                    }
                }
            }
            entries
        }
        match &self.file() {
            object::File::Elf32(elf) => read(elf),
            object::File::Elf64(elf) => read(elf),
            _ => Vec::new(),
        }
    }

    /// The strings of ELF's dynamic entries with `tag` (DT_NEEDED, DT_SONAME).
    fn elf_dynamic_strings(&self, tag: u32) -> Vec<String> {
        fn read<Elf: object::read::elf::FileHeader>(
            elf: &object::read::elf::ElfFile<'_, Elf>,
            tag: u32,
        ) -> Vec<String> {
            use object::read::elf::{Dyn, SectionHeader};
            let e = elf.endian();
            let sections = elf.elf_section_table();
            let mut found = Vec::new();
            for section in sections.iter() {
                let Ok(Some((dynamic, link))) = section.dynamic(e, elf.data()) else {
                    continue;
                };
                let Ok(strings) = sections.strings(e, elf.data(), link) else {
                    continue;
                };
                for d in dynamic {
                    if d.tag32(e) == Some(tag) {
                        if let Ok(s) = d.string(e, strings) {
                            found.push(String::from_utf8_lossy(s).into_owned());
                        }
                    }
                }
            }
            found
        }
        match &self.file() {
            object::File::Elf32(elf) => read(elf, tag),
            object::File::Elf64(elf) => read(elf, tag),
            _ => Vec::new(),
        }
    }
}

/// One member of a static archive: its name, machine, the global symbols it
/// defines and leaves undefined, and its bytes of code and read-only data.
#[derive(Debug)]
pub struct Member {
    pub name: String,
    pub machine: Architecture,
    pub is_64: bool,
    pub defined: BTreeSet<String>,
    pub undefined: BTreeSet<String>,
    pub text_size: u64,
}

/// The bytes of code and read-only data of `file` (binutils `size`'s "text").
fn text_size(file: &object::File<'_>) -> u64 {
    use object::SectionKind::{ReadOnlyData, ReadOnlyString, Text};
    file.sections()
        .filter(|s| matches!(s.kind(), Text | ReadOnlyData | ReadOnlyString))
        .map(|s| s.size())
        .sum()
}

/// The object members of the static archive `path` (`.a`).
pub fn archive_members(path: impl AsRef<Path>) -> Vec<Member> {
    let path = path.as_ref();
    let data = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let archive = ArchiveFile::parse(&*data).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut members = Vec::new();
    for member in archive.members() {
        let member = member.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = String::from_utf8_lossy(member.name()).into_owned();
        let Ok(bytes) = member.data(&*data) else { continue };
        let Ok(file) = object::File::parse(bytes) else { continue };
        let (mut defined, mut undefined) = (BTreeSet::new(), BTreeSet::new());
        for symbol in file.symbols().filter(|s| s.is_global()) {
            let Ok(symbol_name) = symbol.name() else { continue };
            if symbol.is_undefined() {
                undefined.insert(symbol_name.to_string());
            } else {
                defined.insert(symbol_name.to_string());
            }
        }
        members.push(Member {
            name,
            machine: file.architecture(),
            is_64: file.is_64(),
            defined,
            undefined,
            text_size: text_size(&file),
        });
    }
    members
}

/// The first of `needles` (an empty one is passed over) found anywhere in
/// `bytes`, with its offset: for a file that is no object, as an archive.
pub fn find_any<'n>(bytes: &[u8], needles: &'n [String]) -> Option<(&'n str, usize)> {
    needles.iter().filter(|n| !n.is_empty()).find_map(|needle| {
        bytes
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .map(|at| (needle.as_str(), at))
    })
}

/// The members of a Windows import library (`.lib`): (the DLL, the name
/// looked up in its export table) for each of its short import members,
/// which is the symbol a program links to with its C decoration taken off as
/// the member says (`_name` or `_name@8` on 32-bit x86; an ordinal shows as
/// `#N`). The archive's other members (its symbol maps, the DLL's descriptor
/// objects) name no symbol of the DLL and are passed over.
pub fn import_library_members(bytes: &[u8], path: &Path) -> BTreeSet<(String, String)> {
    use object::read::coff::{ImportFile, ImportName};
    let archive = ArchiveFile::parse(bytes).unwrap_or_else(|e| panic!("{}: not an archive: {e}", path.display()));
    archive
        .members()
        .map(|m| m.unwrap_or_else(|e| panic!("{}: a member: {e}", path.display())))
        .filter_map(|m| ImportFile::parse(m.data(bytes).ok()?).ok())
        .map(|i| {
            let name = match i.import() {
                ImportName::Name(name) => String::from_utf8_lossy(name).into_owned(),
                ImportName::Ordinal(n) => format!("#{n}"),
            };
            (String::from_utf8_lossy(i.dll()).into_owned(), name)
        })
        .collect()
}

/// The machine a Rust target's code is for, from the first part of its
/// triple (`aarch64-...` is AArch64): the oracle a built library's machine
/// is checked against. `None` for an architecture not listed here.
pub fn machine_of(triple: &str) -> Option<Architecture> {
    let arch = triple.split('-').next()?;
    Some(match arch {
        "x86_64" => Architecture::X86_64,
        "i686" | "i586" | "i386" => Architecture::I386,
        "aarch64" => Architecture::Aarch64,
        a if a.starts_with("armv") || a.starts_with("thumbv") || a == "arm" => Architecture::Arm,
        "mips" | "mipsel" => Architecture::Mips,
        "mips64" | "mips64el" => Architecture::Mips64,
        "riscv64gc" | "riscv64" => Architecture::Riscv64,
        _ => return None,
    })
}

/// Whether a Rust target's code is big-endian (its triple's architecture).
pub fn big_endian_of(triple: &str) -> bool {
    let arch = triple.split('-').next().unwrap_or_default();
    matches!(arch, "mips" | "mips64" | "powerpc" | "powerpc64" | "s390x") || arch.ends_with("eb")
}
