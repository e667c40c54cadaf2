//! The JNI entry points' tests: the catalog rows, the strings, and every
//! entry point against a fake JVM (which Miri runs too).

use super::*;

/// Java cuts `nativeCatalog()` into rows of `3 + languages` strings, one
/// per `ErrorCode` constant in order; each row starts with its code, name and category.
#[test]
fn catalog_texts_are_one_full_row_per_code() {
    for (row, code) in ErrorCode::iter().enumerate() {
        let text = |field| catalog_text(row * CATALOG_ROW + field);
        assert_eq!(
            [text(0), text(1), text(2)],
            [
                code.code_with_nul(),
                code.name_with_nul(),
                code.category().name_with_nul()
            ]
        );
        for (i, lang) in Language::ALL.into_iter().enumerate() {
            assert_eq!(text(3 + i), code.description_with_nul(lang));
        }
    }
}

/// `NewStringUTF` takes modified UTF-8: the same bytes as UTF-8 only for
/// text without NUL and without characters outside the Basic Multilingual Plane.
#[test]
fn every_text_is_modified_utf8_as_it_is() {
    for i in 0..ErrorCode::ALL.len() * CATALOG_ROW {
        let text = catalog_text(i).strip_suffix('\0').unwrap();
        assert!(
            !text.contains('\0') && text.chars().all(|c| (c as u32) < 0x10000),
            "{text:?}"
        );
    }
}

/// The JNI entry points (`src/jni.rs`) against a fake JVM: a `JNIEnv` and
/// `JavaVM` whose function tables hold the dozen functions the library
/// calls, each checking the JNI rules a real JVM leaves undefined (a call
/// with an exception pending, a deleted or wrong reference, a region out of
/// range) and able to fail on demand as a JVM out of memory does. Under
/// Miri this checks every pointer the library hands the JVM or takes from it.
mod with_a_fake_jvm {
    use core::ffi::{c_char, c_void, CStr};
    use core::ptr::{self, null_mut};
    use std::cell::RefCell;
    use std::mem::size_of;

    use jni_sys::{
        jboolean, jchar, jclass, jint, jobject, jobjectArray, jsize, jstring, JNIEnv, JNIInvokeInterface_,
        JNINativeInterface_, JNINativeMethod, JavaVM, JNI_EDETACHED, JNI_OK, JNI_VERSION_1_2,
    };

    use crate::jni::{
        JNI_OnLoad, Java_iot_errorcodes_IotErrorCodes_nativeCatalog as native_catalog,
        Java_iot_errorcodes_IotErrorCodes_nativeCatalogEntries as native_catalog_entries,
        Java_iot_errorcodes_IotErrorCodes_nativeConstants as native_constants,
        Java_iot_errorcodes_IotErrorCodes_nativeLanguage as native_language,
        Java_iot_errorcodes_IotErrorCodes_nativeLanguages as native_languages,
        Java_iot_errorcodes_IotErrorCodes_nativeResolve as native_resolve,
    };
    use crate::test_support::spellings;
    use crate::{Category, ErrorCode, Language, MAX_CODE_LEN};

    const CLASS: &str = "iot/errorcodes/IotErrorCodes";

    enum Object {
        Class(String),
        Str(Vec<u16>),
        Array(Vec<Option<usize>>),
    }

    /// The fake JVM's heap and this thread's local references. A
    /// reference is its index in `refs` plus one; it names an object in
    /// `objects` until it is deleted.
    #[derive(Default)]
    struct State {
        objects: Vec<Object>,
        refs: Vec<Option<usize>>,
        /// How many of `refs` the caller made ([`Jvm::string`]): the rest the library made.
        caller_refs: usize,
        live: usize,
        max_live: usize,
        pending: Option<&'static str>,
        /// Calls that can raise an exception so far, and the one that does.
        fallible: usize,
        fail_at: Option<usize>,
        class_missing: bool,
        detached: bool,
        longest_region: usize,
        registered: Vec<(String, String, *mut c_void)>,
        /// Every broken JNI rule, for the test to show.
        misuse: Vec<String>,
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State::default());
        static ENV: RefCell<*mut JNIEnv> = const { RefCell::new(null_mut()) };
    }

    fn with<T>(f: impl FnOnce(&mut State) -> T) -> T {
        STATE.with(|s| f(&mut s.borrow_mut()))
    }

    impl State {
        fn new_ref(&mut self, object: Object) -> jobject {
            self.objects.push(object);
            self.refs.push(Some(self.objects.len() - 1));
            self.live += 1;
            self.max_live = self.max_live.max(self.live);
            ptr::without_provenance_mut(self.refs.len())
        }

        /// The object a live reference names; a misuse for a deleted or made-up one.
        fn object(&mut self, r: jobject, call: &str) -> Option<usize> {
            let found = r
                .addr()
                .checked_sub(1)
                .and_then(|i| self.refs.get(i).copied().flatten());
            if found.is_none() {
                self.misuse.push(format!("{call}: {r:p} is not a live reference"));
            }
            found
        }

        /// Entering a JNI function other than the few allowed with an exception pending.
        fn enter(&mut self, call: &str) {
            if let Some(e) = self.pending {
                self.misuse.push(format!("{call} called with {e} pending"));
            }
        }

        /// Whether this call is the one to fail; if so, raises `exception`.
        fn fails(&mut self, exception: &'static str) -> bool {
            self.fallible += 1;
            let fail = self.fail_at == Some(self.fallible - 1);
            if fail {
                self.pending = Some(exception);
            }
            fail
        }
    }

    /// Any function of the tables the library has no business calling.
    unsafe extern "system" fn unexpected() {
        std::eprintln!("the library called a JNI function it does not use");
        std::process::abort();
    }

    /// A function table with every slot `unexpected`: `T` is one of
    /// jni-sys's tables, a union of structs of pointer-sized slots.
    fn table<T>() -> Box<T> {
        let mut t = Box::<T>::new_uninit();
        let slots = size_of::<T>() / size_of::<usize>();
        let base = t.as_mut_ptr().cast::<unsafe extern "system" fn()>();
        for i in 0..slots {
            // SAFETY: `slots` pointer-sized, pointer-aligned slots fit in `T`.
            unsafe { base.add(i).write(unexpected) };
        }
        // SAFETY: every byte is now a function pointer; T is repr(C) of pointers.
        unsafe { t.assume_init() }
    }

    unsafe extern "system" fn exception_check(_: *mut JNIEnv) -> jboolean {
        with(|s| s.pending.is_some())
    }

    unsafe extern "system" fn exception_clear(_: *mut JNIEnv) {
        with(|s| s.pending = None);
    }

    unsafe extern "system" fn delete_local_ref(_: *mut JNIEnv, r: jobject) {
        with(|s| {
            if s.object(r, "DeleteLocalRef").is_some() {
                s.refs[r.addr() - 1] = None;
                s.live -= 1;
            }
        });
    }

    unsafe extern "system" fn find_class(_: *mut JNIEnv, name: *const c_char) -> jclass {
        // SAFETY: JNI requires a NUL-terminated name; Miri checks it is one.
        let name = unsafe { CStr::from_ptr(name) }.to_str().unwrap_or("?").to_string();
        with(|s| {
            s.enter("FindClass");
            let known = name == "java/lang/String" || (name == CLASS && !s.class_missing);
            if !known {
                s.pending = Some("NoClassDefFoundError");
                return null_mut();
            }
            if s.fails("OutOfMemoryError") {
                return null_mut();
            }
            s.new_ref(Object::Class(name))
        })
    }

    unsafe extern "system" fn new_string_utf(_: *mut JNIEnv, utf: *const c_char) -> jstring {
        // SAFETY: JNI requires a NUL-terminated string; Miri checks it is one.
        let bytes = unsafe { CStr::from_ptr(utf) }.to_bytes();
        with(|s| {
            s.enter("NewStringUTF");
            // Modified UTF-8 is UTF-8 for text without NUL or supplementary characters.
            let text = match core::str::from_utf8(bytes) {
                Ok(t) if t.chars().all(|c| (c as u32) < 0x10000) => t,
                _ => {
                    s.misuse
                        .push(format!("NewStringUTF: {bytes:?} is not modified UTF-8 as it is"));
                    ""
                }
            };
            if s.fails("OutOfMemoryError") {
                return null_mut();
            }
            s.new_ref(Object::Str(text.encode_utf16().collect()))
        })
    }

    unsafe extern "system" fn new_object_array(
        _: *mut JNIEnv,
        len: jsize,
        class: jclass,
        init: jobject,
    ) -> jobjectArray {
        with(|s| {
            s.enter("NewObjectArray");
            match s.object(class, "NewObjectArray").map(|o| &s.objects[o]) {
                Some(Object::Class(name)) if name == "java/lang/String" => {}
                _ => s.misuse.push("NewObjectArray: not the String class".into()),
            }
            if !init.is_null() || len < 0 {
                s.misuse.push(format!("NewObjectArray: len {len}, init {init:p}"));
            }
            if s.fails("OutOfMemoryError") {
                return null_mut();
            }
            s.new_ref(Object::Array(vec![None; len.max(0) as usize]))
        })
    }

    unsafe extern "system" fn set_object_array_element(
        _: *mut JNIEnv,
        array: jobjectArray,
        index: jsize,
        value: jobject,
    ) {
        with(|s| {
            s.enter("SetObjectArrayElement");
            let (Some(a), Some(v)) = (
                s.object(array, "SetObjectArrayElement"),
                s.object(value, "SetObjectArrayElement"),
            ) else {
                return;
            };
            if !matches!(s.objects[v], Object::Str(_)) {
                s.misuse.push("SetObjectArrayElement: not a String".into());
            }
            if s.fails("ArrayStoreException") {
                return;
            }
            match &mut s.objects[a] {
                Object::Array(items) if (index as usize) < items.len() && index >= 0 => items[index as usize] = Some(v),
                Object::Array(_) => s.pending = Some("ArrayIndexOutOfBoundsException"),
                _ => s.misuse.push("SetObjectArrayElement: not an array".into()),
            }
        });
    }

    fn string_units(s: &mut State, r: jstring, call: &str) -> Vec<u16> {
        match s.object(r, call).map(|o| &s.objects[o]) {
            Some(Object::Str(units)) => units.clone(),
            Some(_) => {
                s.misuse.push(format!("{call}: not a String"));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    unsafe extern "system" fn get_string_length(_: *mut JNIEnv, r: jstring) -> jsize {
        with(|s| {
            s.enter("GetStringLength");
            string_units(s, r, "GetStringLength").len() as jsize
        })
    }

    unsafe extern "system" fn get_string_region(_: *mut JNIEnv, r: jstring, start: jsize, len: jsize, buf: *mut jchar) {
        let units = with(|s| {
            s.enter("GetStringRegion");
            let units = string_units(s, r, "GetStringRegion");
            s.longest_region = s.longest_region.max(len.max(0) as usize);
            let in_range = start >= 0 && len >= 0 && (start as usize + len as usize) <= units.len();
            if !in_range {
                s.pending = Some("StringIndexOutOfBoundsException");
                return None;
            }
            if s.fails("OutOfMemoryError") {
                return None;
            }
            Some(units[start as usize..][..len as usize].to_vec())
        });
        if let Some(units) = units {
            // SAFETY: JNI requires `buf` to hold `len` units; Miri checks it does.
            unsafe { ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len()) };
        }
    }

    unsafe extern "system" fn register_natives(
        _: *mut JNIEnv,
        class: jclass,
        methods: *const JNINativeMethod,
        n: jint,
    ) -> jint {
        // SAFETY: JNI requires `n` methods at `methods`, with NUL-terminated names and signatures.
        let methods: Vec<(String, String, *mut c_void)> = unsafe { core::slice::from_raw_parts(methods, n as usize) }
            .iter()
            .map(|m| unsafe {
                let text = |p: *mut c_char| CStr::from_ptr(p).to_str().unwrap_or("?").to_string();
                (text(m.name), text(m.signature), m.fnPtr)
            })
            .collect();
        with(|s| {
            s.enter("RegisterNatives");
            match s.object(class, "RegisterNatives").map(|o| &s.objects[o]) {
                Some(Object::Class(name)) if name == CLASS => {}
                _ => s.misuse.push("RegisterNatives: not the library's class".into()),
            }
            if s.fails("NoSuchMethodError") {
                return -1;
            }
            s.registered = methods;
            JNI_OK
        })
    }

    unsafe extern "system" fn get_env(_: *mut JavaVM, env: *mut *mut c_void, version: jint) -> jint {
        if version < JNI_VERSION_1_2 {
            with(|s| s.misuse.push(format!("GetEnv: version {version:#x}")));
        }
        if with(|s| s.detached) {
            return JNI_EDETACHED;
        }
        // SAFETY: JNI requires `env` to be writable.
        unsafe { env.write(ENV.with(|e| *e.borrow()).cast()) };
        JNI_OK
    }

    /// The fake JVM for this thread: its tables, its `JNIEnv` and `JavaVM`.
    /// Kept as raw pointers from `Box::into_raw`, freed on drop: the
    /// library holds pointers into them, which a move of a `Box` would
    /// invalidate under Stacked Borrows.
    struct Jvm {
        env: *mut JNIEnv,
        vm: *mut JavaVM,
        env_table: *mut JNINativeInterface_,
        vm_table: *mut JNIInvokeInterface_,
    }

    impl Jvm {
        fn new() -> Jvm {
            let mut env_table = table::<JNINativeInterface_>();
            // SAFETY: every variant of the union is a prefix of the same slots.
            let f = unsafe { &mut env_table.v1_2 };
            f.ExceptionCheck = exception_check;
            f.ExceptionClear = exception_clear;
            f.DeleteLocalRef = delete_local_ref;
            f.FindClass = find_class;
            f.NewStringUTF = new_string_utf;
            f.NewObjectArray = new_object_array;
            f.SetObjectArrayElement = set_object_array_element;
            f.GetStringLength = get_string_length;
            f.GetStringRegion = get_string_region;
            f.RegisterNatives = register_natives;
            let mut vm_table = table::<JNIInvokeInterface_>();
            vm_table.v1_2.GetEnv = get_env; // a write to a union field is safe
            let env_table = Box::into_raw(env_table);
            let vm_table = Box::into_raw(vm_table);
            let jvm = Jvm {
                env: Box::into_raw(Box::new(env_table.cast_const())),
                vm: Box::into_raw(Box::new(vm_table.cast_const())),
                env_table,
                vm_table,
            };
            ENV.with(|e| *e.borrow_mut() = jvm.env);
            with(|s| *s = State::default());
            jvm
        }

        fn env(&self) -> *mut JNIEnv {
            self.env
        }

        fn vm(&self) -> *mut JavaVM {
            self.vm
        }

        /// A new Java string, as a local reference of the caller.
        fn string(&self, units: &[u16]) -> jstring {
            with(|s| {
                let r = s.new_ref(Object::Str(units.to_vec()));
                s.caller_refs += 1;
                s.max_live = 0;
                r
            })
        }

        /// After a native call that returned `result` (a reference or null):
        /// no exception is pending, no JNI rule was broken, and the only
        /// local reference the call left is its result. Deletes the
        /// caller's references; returns the strings of an array result.
        fn finish(&self, result: jobject) -> Option<Vec<String>> {
            with(|s| {
                assert_eq!(s.misuse, Vec::<String>::new(), "JNI rules broken");
                assert_eq!(s.pending, None, "an exception was left pending");
                let leaked = s.live - s.caller_refs - usize::from(!result.is_null());
                assert_eq!(leaked, 0, "local references left behind");
                let strings = (!result.is_null()).then(|| {
                    let Object::Array(items) = &s.objects[s.refs[result.addr() - 1].unwrap()] else {
                        panic!("not an array");
                    };
                    items
                        .iter()
                        .map(|item| match item.map(|o| &s.objects[o]) {
                            Some(Object::Str(units)) => String::from_utf16(units).unwrap(),
                            _ => panic!("an array element is not a string"),
                        })
                        .collect()
                });
                // The caller's frame ends: every reference goes.
                s.objects.clear();
                s.refs.clear();
                (s.caller_refs, s.live, s.max_live, s.fallible) = (0, 0, 0, 0);
                strings
            })
        }
    }

    impl Drop for Jvm {
        fn drop(&mut self) {
            ENV.with(|e| *e.borrow_mut() = null_mut());
            // SAFETY: made by Box::into_raw in `new` and freed only here.
            unsafe {
                drop(Box::from_raw(self.env));
                drop(Box::from_raw(self.vm));
                drop(Box::from_raw(self.env_table));
                drop(Box::from_raw(self.vm_table));
            }
        }
    }

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn resolve_answers_like_lookup_and_reads_at_most_max_code_len_units() {
        let jvm = Jvm::new();
        let env = jvm.env();
        let mut inputs: Vec<(Vec<u16>, jint)> = Vec::new();
        for code in ErrorCode::iter() {
            for spelling in spellings(code.code()) {
                inputs.push((utf16(&spelling), code.index() as jint));
            }
        }
        inputs.push((utf16("G20903"), ErrorCode::MasterDataError.index() as jint));
        for miss in [
            "", "D0000", "D000044", "D00004 ", "D0000\0", "Ｄ00004", "D00014", "00000",
        ] {
            inputs.push((utf16(miss), -1));
        }
        inputs.push((
            vec![0xD800, b'0' as u16, b'0' as u16, b'0' as u16, b'0' as u16, b'4' as u16],
            -1,
        ));
        inputs.push((vec![u16::from(b'D'); 10_000], -1));
        for (units, want) in inputs {
            let string = jvm.string(&units);
            // SAFETY: this thread's fake JNIEnv and a live String reference.
            let got = unsafe { native_resolve(env, null_mut(), string) };
            assert_eq!(got, want, "{:?}", String::from_utf16_lossy(&units));
            jvm.finish(null_mut());
        }
        // SAFETY: as above; a null String is allowed.
        assert_eq!(unsafe { native_resolve(env, null_mut(), null_mut()) }, -1);
        jvm.finish(null_mut());
        assert!(with(|s| s.longest_region) <= MAX_CODE_LEN);
    }

    #[test]
    fn language_answers_like_from_tag_and_reads_at_most_three_units() {
        let jvm = Jvm::new();
        let env = jvm.env();
        for tag in [
            "en",
            "EN",
            "en-US",
            "en_GB.UTF-8",
            "zh",
            "zh_CN",
            "",
            "C",
            "POSIX",
            "de",
            "enx",
            "ｅn",
        ] {
            let want = Language::from_tag(tag)
                .and_then(|l| Language::ALL.iter().position(|&a| a == l))
                .map_or(-1, |i| i as jint);
            let string = jvm.string(&utf16(tag));
            // SAFETY: this thread's fake JNIEnv and a live String reference.
            assert_eq!(unsafe { native_language(env, null_mut(), string) }, want, "{tag:?}");
            jvm.finish(null_mut());
        }
        // SAFETY: as above.
        assert_eq!(unsafe { native_language(env, null_mut(), null_mut()) }, -1);
        jvm.finish(null_mut());
        assert!(with(|s| s.longest_region) <= Language::TAG_PREFIX_LEN);
    }

    #[test]
    fn a_failed_string_read_is_cleared_and_matches_nothing() {
        let jvm = Jvm::new();
        let env = jvm.env();
        for call in [native_resolve, native_language] {
            let string = jvm.string(&utf16("en"));
            with(|s| s.fail_at = Some(0));
            // SAFETY: this thread's fake JNIEnv and a live String reference.
            assert_eq!(unsafe { call(env, null_mut(), string) }, -1);
            jvm.finish(null_mut());
        }
    }

    /// `nativeCatalog()`: one row per code of its code, name, category
    /// and the texts in every language, as the Rust API gives them, with at
    /// most 3 local references live at a time.
    #[test]
    fn catalog_is_the_rust_api_row_by_row() {
        let jvm = Jvm::new();
        // SAFETY: this thread's fake JNIEnv.
        let array = unsafe { native_catalog(jvm.env(), null_mut()) };
        assert!(!array.is_null());
        let max_live = with(|s| s.max_live);
        assert!(max_live <= 3, "{max_live} local references live at once");
        let strings = jvm.finish(array).unwrap();
        let mut want = Vec::new();
        for code in ErrorCode::iter() {
            want.extend([code.code(), code.name(), code.category().name()]);
            want.extend(Language::ALL.map(|l| code.description(l)));
        }
        assert_eq!(strings, want);
    }

    /// `nativeCatalogEntries(i)`: the entries of catalog `i` as the Rust API
    /// gives them, hints "" where none; `null` and nothing pending for any
    /// other `i`.
    #[test]
    fn catalog_entries_are_the_rust_api_row_by_row() {
        let jvm = Jvm::new();
        use crate::catalogs::Catalog;
        for (i, catalog) in Catalog::ALL.into_iter().enumerate() {
            // SAFETY: this thread's fake JNIEnv.
            let array = unsafe { native_catalog_entries(jvm.env(), null_mut(), i as jint) };
            let strings = jvm.finish(array).unwrap();
            let mut want = Vec::new();
            for e in catalog.iter() {
                want.extend([e.code(), e.name(), e.category().name(), e.status().name()]);
                want.extend(Language::ALL.map(|l| e.description(l)));
                want.extend(Language::ALL.map(|l| e.hint(l).unwrap_or("")));
            }
            assert_eq!(strings, want, "{catalog}");
        }
        for bad in [-1, Catalog::ALL.len() as jint, jint::MAX, jint::MIN] {
            // SAFETY: as above.
            assert_eq!(
                jvm.finish(unsafe { native_catalog_entries(jvm.env(), null_mut(), bad) }),
                None
            );
        }
    }

    #[test]
    fn languages_and_constants() {
        let jvm = Jvm::new();
        let env = jvm.env();
        // SAFETY: this thread's fake JNIEnv.
        let languages = jvm.finish(unsafe { native_languages(env, null_mut()) }).unwrap();
        assert_eq!(languages, Language::ALL.map(|l| l.tag()));
        // SAFETY: as above.
        let constants = jvm.finish(unsafe { native_constants(env, null_mut()) }).unwrap();
        assert_eq!(constants, [crate::VERSION, crate::CATALOG_VERSION, crate::SUCCESS]);
        assert!(Category::ALL.iter().all(|c| !c.name().is_empty()));
    }

    /// A JVM out of memory at any one call: null, nothing pending, nothing leaked.
    #[test]
    fn out_of_memory_anywhere_gives_null_and_leaks_nothing() {
        let jvm = Jvm::new();
        let env = jvm.env();
        type Native = unsafe extern "system" fn(*mut JNIEnv, jclass) -> jobjectArray;
        let natives: [(Native, usize); 3] = [
            (native_languages, Language::ALL.len()),
            (native_constants, 3),
            (native_catalog, ErrorCode::ALL.len() * (3 + Language::ALL.len())),
        ];
        for (native, strings) in natives {
            // FindClass, NewObjectArray, then NewStringUTF and SetObjectArrayElement per string.
            let calls = 2 + 2 * strings;
            // Under Miri, where one catalog takes about 20 s, the first
            // calls and the last of the catalog, each on its own path.
            let every: Vec<usize> = (0..calls).collect();
            let sample = [0, 1, 2, 3, calls - 1];
            let failing: &[usize] = if cfg!(miri) && calls > 20 { &sample } else { &every };
            for &k in failing {
                with(|s| s.fail_at = Some(k));
                // SAFETY: this thread's fake JNIEnv.
                let result = unsafe { native(env, null_mut()) };
                assert!(result.is_null(), "call {k} of {calls} failed, yet a result came back");
                jvm.finish(null_mut());
            }
            with(|s| s.fail_at = None);
            if !(cfg!(miri) && calls > 20) {
                // SAFETY: as above.
                let result = unsafe { native(env, null_mut()) };
                assert_eq!(jvm.finish(result).map(|v| v.len()), Some(strings));
            }
        }
    }

    /// `JNI_OnLoad` registers every native method of the class, and
    /// when it cannot (no class, a failed registration, a detached thread)
    /// still returns JNI 1.2 with nothing pending.
    #[test]
    fn on_load_registers_the_natives_or_leaves_nothing_pending() {
        let jvm = Jvm::new();
        let vm = jvm.vm();
        // SAFETY: the fake JavaVM of this thread.
        assert_eq!(unsafe { JNI_OnLoad(vm, null_mut()) }, JNI_VERSION_1_2);
        jvm.finish(null_mut());
        let registered = with(|s| std::mem::take(&mut s.registered));
        let names: Vec<(&str, &str)> = registered.iter().map(|(n, s, _)| (n.as_str(), s.as_str())).collect();
        assert_eq!(
            names,
            [
                ("nativeCatalog", "()[Ljava/lang/String;"),
                ("nativeLanguages", "()[Ljava/lang/String;"),
                ("nativeConstants", "()[Ljava/lang/String;"),
                ("nativeResolve", "(Ljava/lang/String;)I"),
                ("nativeLanguage", "(Ljava/lang/String;)I"),
                ("nativeCatalogEntries", "(I)[Ljava/lang/String;"),
            ]
        );
        // Each registered function is the one its name says: called through
        // the registered pointer, with its signature, it answers as that one.
        // (Miri gives a function a new address each time it is named, so the
        // pointers are compared by what they do.) The catalog, slow under
        // Miri, is called only outside it.
        type Array = unsafe extern "system" fn(*mut JNIEnv, jclass) -> jobjectArray;
        type Lookup = unsafe extern "system" fn(*mut JNIEnv, jclass, jstring) -> jint;
        type ByNumber = unsafe extern "system" fn(*mut JNIEnv, jclass, jint) -> jobjectArray;
        let env = jvm.env();
        for (name, _, function) in registered {
            match name.as_str() {
                "nativeCatalogEntries" => {
                    // SAFETY: as below: registered with this signature; this thread's fake JNIEnv.
                    let registered: ByNumber = unsafe { core::mem::transmute::<*mut c_void, ByNumber>(function) };
                    // Only the error case under Miri: a whole catalog is slow there.
                    let catalogs: &[jint] = if cfg!(miri) { &[-1] } else { &[-1, 1] };
                    for &catalog in catalogs {
                        let got = jvm.finish(unsafe { registered(env, null_mut(), catalog) });
                        let want = jvm.finish(unsafe { native_catalog_entries(env, null_mut(), catalog) });
                        assert_eq!(got, want, "{name}({catalog})");
                    }
                }
                "nativeCatalog" | "nativeLanguages" | "nativeConstants" => {
                    let direct: Array = match name.as_str() {
                        "nativeCatalog" if cfg!(miri) => continue,
                        "nativeCatalog" => native_catalog,
                        "nativeLanguages" => native_languages,
                        _ => native_constants,
                    };
                    // SAFETY: registered with this signature; this thread's fake JNIEnv.
                    let registered: Array = unsafe { core::mem::transmute::<*mut c_void, Array>(function) };
                    let got = jvm.finish(unsafe { registered(env, null_mut()) });
                    let want = jvm.finish(unsafe { direct(env, null_mut()) });
                    assert_eq!(got, want, "{name}");
                }
                _ => {
                    let direct: Lookup = if name == "nativeResolve" {
                        native_resolve
                    } else {
                        native_language
                    };
                    // SAFETY: as above, and live String references.
                    let registered: Lookup = unsafe { core::mem::transmute::<*mut c_void, Lookup>(function) };
                    for input in ["D00004", "en", "20903", "zz"] {
                        let (a, b) = (jvm.string(&utf16(input)), jvm.string(&utf16(input)));
                        let (got, want) = unsafe { (registered(env, null_mut(), a), direct(env, null_mut(), b)) };
                        assert_eq!(got, want, "{name}({input})");
                        jvm.finish(null_mut());
                    }
                }
            }
        }

        type Setup = fn(&mut State);
        let failures: [Setup; 4] = [
            |s| s.class_missing = true,
            |s| s.fail_at = Some(0), // FindClass
            |s| s.fail_at = Some(1), // RegisterNatives
            |s| s.detached = true,
        ];
        for setup in failures {
            with(|s| {
                *s = State::default();
                setup(s);
            });
            // SAFETY: as above.
            assert_eq!(unsafe { JNI_OnLoad(vm, null_mut()) }, JNI_VERSION_1_2);
            jvm.finish(null_mut());
            assert!(with(|s| s.registered.is_empty()));
        }
    }
}
