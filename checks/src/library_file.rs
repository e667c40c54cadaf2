//! A built library or program read as a file, in any of the formats the
//! `object` crate reads (ELF, PE, Mach-O): its format and machine, what it
//! exports and imports, and whether some text (a build path) is anywhere in
//! its bytes. What only Mach-O has (its id, minimum OS, binds, code
//! signature) is in [`crate::macho`].

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use object::{Architecture, BinaryFormat, Object, ObjectKind};

/// The bytes of a library or program, read whole.
pub struct LibraryFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl LibraryFile {
    pub fn read(path: &Path) -> Self {
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let file = Self {
            path: path.to_path_buf(),
            bytes,
        };
        file.parsed();
        file
    }

    fn parsed(&self) -> object::File<'_> {
        object::File::parse(&*self.bytes)
            .unwrap_or_else(|e| panic!("{}: not a file object reads: {e}", self.path.display()))
    }

    pub fn format(&self) -> BinaryFormat {
        self.parsed().format()
    }

    pub fn machine(&self) -> Architecture {
        self.parsed().architecture()
    }

    /// Whether it is a shared library (a DLL, a dylib, an ELF shared object).
    pub fn is_shared_library(&self) -> bool {
        self.parsed().kind() == ObjectKind::Dynamic
    }

    /// The names it exports, as the format spells them (Mach-O's with their
    /// leading underscore): a PE's export table, a Mach-O's external defined
    /// symbols (its exports trie is [`crate::macho::exports_trie`]), an
    /// ELF's defined dynamic symbols.
    pub fn exports(&self) -> BTreeSet<String> {
        let exports = self
            .parsed()
            .exports()
            .unwrap_or_else(|e| panic!("{}: exports: {e}", self.path.display()));
        exports
            .iter()
            .map(|e| String::from_utf8_lossy(e.name()).into_owned())
            .collect()
    }

    /// The symbols it imports, each with the library it is imported from
    /// (empty where the format does not say, as in ELF).
    pub fn imports(&self) -> BTreeSet<(String, String)> {
        let imports = self
            .parsed()
            .imports()
            .unwrap_or_else(|e| panic!("{}: imports: {e}", self.path.display()));
        imports
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
        self.parsed()
            .pdb_info()
            .unwrap_or_else(|e| panic!("{}: debug directory: {e}", self.path.display()))
            .is_some()
    }

    /// The first of `needles` found anywhere in its bytes, with its offset.
    pub fn find_any<'n>(&self, needles: &'n [String]) -> Option<(&'n str, usize)> {
        needles.iter().filter(|n| !n.is_empty()).find_map(|needle| {
            self.bytes
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
                .map(|at| (needle.as_str(), at))
        })
    }

    /// The program interpreter an ELF program asks for (PT_INTERP), if any.
    pub fn elf_interpreter(&self) -> Option<String> {
        use object::read::elf::{ElfFile64, ProgramHeader};
        let elf = ElfFile64::<object::Endianness>::parse(&*self.bytes).ok()?;
        let endian = elf.endian();
        elf.elf_program_headers().iter().find_map(|header| {
            let interp = header.interpreter(endian, &*self.bytes).ok()??;
            Some(String::from_utf8_lossy(interp).trim_end_matches('\0').to_string())
        })
    }
}

/// The members of a Windows import library (`.lib`): (the DLL, the name
/// looked up in its export table) for each of its short import members,
/// which is the symbol a program links to with its C decoration taken off as
/// the member says (`_name` or `_name@8` on 32-bit x86; an ordinal shows as
/// `#N`). The archive's other members (its symbol maps, the DLL's descriptor
/// objects) name no symbol of the DLL and are passed over.
pub fn import_library(path: &Path) -> BTreeSet<(String, String)> {
    use object::read::archive::ArchiveFile;
    use object::read::coff::{ImportFile, ImportName};
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let archive = ArchiveFile::parse(&*bytes).unwrap_or_else(|e| panic!("{}: not an archive: {e}", path.display()));
    archive
        .members()
        .map(|m| m.unwrap_or_else(|e| panic!("{}: a member: {e}", path.display())))
        .filter_map(|m| ImportFile::parse(m.data(&*bytes).ok()?).ok())
        .map(|i| {
            let name = match i.import() {
                ImportName::Name(name) => String::from_utf8_lossy(name).into_owned(),
                ImportName::Ordinal(n) => format!("#{n}"),
            };
            (String::from_utf8_lossy(i.dll()).into_owned(), name)
        })
        .collect()
}
