//! What a macOS dylib says of itself beyond its symbols
//! ([`crate::inspect::Library`] reads those, and reads the file for these
//! functions too): its id and the libraries it loads,
//! the oldest macOS it runs on, what dyld would bind at load time, the names
//! its exports trie gives dyld, and its code signature, verified page by
//! page. 64-bit little-endian Mach-O (arm64 and x86_64), as Apple's
//! `<mach-o/loader.h>` and `<Kernel/kern/cs_blobs.h>` describe it.

use std::collections::BTreeSet;

use object::macho;
use object::read::macho::{LoadCommandVariant, MachOFile64};
use object::Endianness;
use sha2::{Digest, Sha256};

use crate::inspect::Library;

/// The load commands of a dylib that the checks assert on.
#[derive(Debug, Default)]
pub struct Dylib {
    /// LC_ID_DYLIB's name: how a program that links it records it.
    pub id: Option<String>,
    /// LC_LOAD_DYLIB (and its weak, re-export, lazy and upward kinds) names.
    pub loads: Vec<String>,
    /// The minimum macOS, (major, minor), from LC_BUILD_VERSION (platform
    /// macOS) or the older LC_VERSION_MIN_MACOSX.
    pub minimum_macos: Option<(u32, u32)>,
    /// LC_DYLD_INFO(_ONLY)'s bind, lazy-bind and weak-bind opcode bytes, and
    /// the count of LC_DYLD_CHAINED_FIXUPS's imports: all zero when dyld
    /// binds nothing.
    pub bind_bytes: u32,
    pub lazy_bind_bytes: u32,
    pub weak_bind_bytes: u32,
    pub chained_imports: u32,
    /// LC_DYLD_INFO's or LC_DYLD_EXPORTS_TRIE's exports trie: (offset, size).
    exports_trie: Option<(usize, usize)>,
    /// LC_CODE_SIGNATURE: (offset, size) of the signature in the file.
    pub code_signature: Option<(usize, usize)>,
}

/// `library` as a 64-bit Mach-O file; panics, naming it, if it is not one.
fn file(library: &Library) -> MachOFile64<'_, Endianness> {
    match library.object() {
        object::File::MachO64(file) => file,
        _ => panic!("{}: not a 64-bit Mach-O file", library.path.display()),
    }
}

/// Reads the load commands of the Mach-O file `library`.
pub fn dylib(library: &Library) -> Dylib {
    let data = library.bytes();
    let file = file(library);
    let endian = file.endian();
    let mut dylib = Dylib::default();
    let mut commands = file.macho_load_commands().expect("load commands");
    let string = |command: &object::read::macho::LoadCommandData<'_, Endianness>, s| {
        String::from_utf8_lossy(command.string(endian, s).expect("a load command string")).into_owned()
    };
    while let Some(command) = commands.next().expect("a load command") {
        match command.variant().expect("a load command") {
            LoadCommandVariant::IdDylib(c) => dylib.id = Some(string(&command, c.dylib.name)),
            LoadCommandVariant::Dylib(c) => dylib.loads.push(string(&command, c.dylib.name)),
            LoadCommandVariant::BuildVersion(c) if c.platform.get(endian) == macho::PLATFORM_MACOS => {
                dylib.minimum_macos = Some(version(c.minos.get(endian)));
            }
            LoadCommandVariant::VersionMin(c) if command.cmd() == macho::LC_VERSION_MIN_MACOSX => {
                dylib.minimum_macos = Some(version(c.version.get(endian)));
            }
            LoadCommandVariant::DyldInfo(c) => {
                dylib.bind_bytes = c.bind_size.get(endian);
                dylib.lazy_bind_bytes = c.lazy_bind_size.get(endian);
                dylib.weak_bind_bytes = c.weak_bind_size.get(endian);
                dylib.exports_trie = Some((c.export_off.get(endian) as usize, c.export_size.get(endian) as usize));
            }
            LoadCommandVariant::LinkeditData(c) => {
                let (off, size) = (c.dataoff.get(endian) as usize, c.datasize.get(endian) as usize);
                match command.cmd() {
                    macho::LC_CODE_SIGNATURE => dylib.code_signature = Some((off, size)),
                    macho::LC_DYLD_EXPORTS_TRIE => dylib.exports_trie = Some((off, size)),
                    // dyld_chained_fixups_header: fixups_version, starts_offset,
                    // imports_offset, symbols_offset, imports_count, ...
                    macho::LC_DYLD_CHAINED_FIXUPS => dylib.chained_imports = u32_le(data, off + 16),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    dylib
}

/// X.Y.Z encoded in nibbles xxxx.yy.zz, as (X, Y).
fn version(v: u32) -> (u32, u32) {
    (v >> 16, (v >> 8) & 0xff)
}

fn u32_le(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(data[at..at + 4].try_into().unwrap())
}

fn u32_be(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes(b.try_into().unwrap()))
        .ok_or_else(|| format!("the signature ends before byte {}", at + 4))
}

/// The names dyld finds in the exports trie (with their leading underscore).
pub fn exports_trie(library: &Library) -> BTreeSet<String> {
    let data = library.bytes();
    let (off, size) = dylib(library).exports_trie.expect("no exports trie");
    let trie = &data[off..off + size];
    let mut names = BTreeSet::new();
    // (node offset, the name so far); a node: a ULEB128 size of its terminal
    // information (0 if no name ends here), that information, a child count,
    // and per child a NUL-terminated edge label and a ULEB128 node offset.
    let mut pending = vec![(0usize, Vec::new())];
    while let Some((node, prefix)) = pending.pop() {
        let mut at = node;
        let terminal = uleb(trie, &mut at) as usize;
        if terminal > 0 {
            names.insert(String::from_utf8_lossy(&prefix).into_owned());
        }
        at += terminal;
        let children = trie[at];
        at += 1;
        for _ in 0..children {
            let end = at + trie[at..].iter().position(|&b| b == 0).expect("an edge label");
            let mut name = prefix.clone();
            name.extend_from_slice(&trie[at..end]);
            at = end + 1;
            let child = uleb(trie, &mut at) as usize;
            assert!(
                child > node && child < trie.len(),
                "a trie edge that does not lead forward"
            );
            pending.push((child, name));
        }
    }
    names
}

fn uleb(data: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = data[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

/// A verified code signature.
#[derive(Debug)]
pub struct Signature {
    /// CS_ADHOC: signed with no certificate (no CMS blob with content).
    pub ad_hoc: bool,
    /// The CodeDirectory's identifier.
    pub identifier: String,
    /// The pages whose SHA-256 hashes matched.
    pub pages: usize,
}

const SUPERBLOB: u32 = 0xfade_0cc0;
const CODEDIRECTORY: u32 = 0xfade_0c02;
const BLOBWRAPPER: u32 = 0xfade_0b01;
const SLOT_CODEDIRECTORY: u32 = 0;
const SLOT_SIGNATURE: u32 = 0x10000;
const CS_ADHOC: u32 = 0x2;
const HASH_SHA256: u8 = 2;

/// Parses LC_CODE_SIGNATURE's SuperBlob and its CodeDirectory, and checks
/// that it covers the whole file up to the signature and that every page's
/// SHA-256 is the one recorded; the error says what is wrong.
pub fn verify_code_signature(library: &Library) -> Result<Signature, String> {
    let data = library.bytes();
    let (sig_off, sig_size) = dylib(library).code_signature.ok_or("no LC_CODE_SIGNATURE")?;
    let blob = data
        .get(sig_off..sig_off + sig_size)
        .ok_or("LC_CODE_SIGNATURE points past the end of the file")?;
    if u32_be(blob, 0)? != SUPERBLOB {
        return Err("the signature is not a SuperBlob".into());
    }
    let mut directory = None;
    let mut cms_bytes = 0;
    for i in 0..u32_be(blob, 8)? as usize {
        let (slot, offset) = (u32_be(blob, 12 + 8 * i)?, u32_be(blob, 16 + 8 * i)? as usize);
        match slot {
            SLOT_CODEDIRECTORY => directory = Some(offset),
            // An empty wrapper (8 bytes) is how an ad hoc signature says "no CMS".
            SLOT_SIGNATURE if u32_be(blob, offset)? == BLOBWRAPPER => {
                cms_bytes = u32_be(blob, offset + 4)?.saturating_sub(8)
            }
            _ => {}
        }
    }
    let cd = &blob[directory.ok_or("the SuperBlob has no CodeDirectory")?..];
    if u32_be(cd, 0)? != CODEDIRECTORY {
        return Err("slot 0 is not a CodeDirectory".into());
    }
    let flags = u32_be(cd, 12)?;
    let hash_offset = u32_be(cd, 16)? as usize;
    let ident_offset = u32_be(cd, 20)? as usize;
    let code_slots = u32_be(cd, 28)? as usize;
    let code_limit = u32_be(cd, 32)? as usize;
    let (hash_size, hash_type, page_shift) = (cd[36] as usize, cd[37], cd[39]);
    if hash_type != HASH_SHA256 || hash_size != 32 {
        return Err(format!("hash type {hash_type} of {hash_size} bytes, not SHA-256"));
    }
    if code_limit != sig_off {
        return Err(format!(
            "the signature covers {code_limit} bytes, not the {sig_off} before it"
        ));
    }
    let page = 1usize << page_shift;
    if code_slots != code_limit.div_ceil(page) {
        return Err(format!(
            "{code_slots} page hashes for {code_limit} bytes in pages of {page}"
        ));
    }
    for i in 0..code_slots {
        let start = i * page;
        let hashed = Sha256::digest(&data[start..code_limit.min(start + page)]);
        let recorded = cd
            .get(hash_offset + i * hash_size..hash_offset + (i + 1) * hash_size)
            .ok_or("the page hashes run past the CodeDirectory")?;
        if hashed.as_slice() != recorded {
            return Err(format!("page {i} (bytes {start}..) does not match its hash"));
        }
    }
    let ident = &cd[ident_offset..];
    let ident = &ident[..ident.iter().position(|&b| b == 0).ok_or("an unterminated identifier")?];
    Ok(Signature {
        ad_hoc: flags & CS_ADHOC != 0 && cms_bytes == 0,
        identifier: String::from_utf8_lossy(ident).into_owned(),
        pages: code_slots,
    })
}
