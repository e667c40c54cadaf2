//! The JNI entry points, read from `src/jni.rs` with syn: the one list of them.
//!
//! `src/jni.rs` names the Java class (`CLASS`), registers every `native`
//! method with its JNI descriptor (`METHODS`) and implements each as an
//! exported `extern "system"` function. From that, `cargo xtask generate`
//! makes the Java `native` declarations (`declarations`, the
//! `@NATIVE_METHODS@` block of `IotErrorCodes.java`), the JNI rows of
//! `api/c-symbols.tsv` (`crate::api`), and cbindgen's exclude list
//! (`crate::header`). So a method added to `src/jni.rs` reaches Java and the
//! version script by regenerating, and `--check` fails until then.
//!
//! Reading stops with every inconsistency at once: an exported function that
//! is not registered, a registered one that does not exist or whose symbol is
//! not the one the JVM looks up, a parameter or return type that is not the
//! descriptor's.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use syn::{Attribute, Expr, FnArg, Item, ItemFn, Lit, Meta, Pat, ReturnType, Type};

pub const SOURCE: &str = "src/jni.rs";

/// The function the JVM calls when it loads the library.
const ON_LOAD: &str = "JNI_OnLoad";

/// Whether `symbol` is a JNI entry point (rather than a C function of the header).
pub fn is_jni_symbol(symbol: &str) -> bool {
    symbol == ON_LOAD || symbol.starts_with("Java_")
}

/// A `native` method as `src/jni.rs` registers and implements it.
pub struct NativeMethod {
    /// Its Java name, e.g. `nativeResolve`.
    pub name: String,
    /// The exported function: `Java_<class, '/' as '_'>_<name>`.
    pub symbol: String,
    /// Its JNI descriptor, e.g. `(Ljava/lang/String;)I`.
    pub descriptor: String,
    /// `static` when the function's second parameter is a `jclass`.
    is_static: bool,
    /// Java parameter names: the Rust function's, after the `JNIEnv` and the class or object.
    params: Vec<String>,
    /// The function's doc comment, one string per line.
    doc: Vec<String>,
}

/// What `src/jni.rs` exports.
pub struct Jni {
    /// The class whose `native` methods these are, e.g. `iot/errorcodes/IotErrorCodes`.
    pub class: String,
    /// Every exported symbol, in source order.
    pub symbols: Vec<String>,
    /// Every `native` method, in the order of `METHODS`.
    pub methods: Vec<NativeMethod>,
}

impl Jni {
    pub fn read(root: &Path) -> Result<Jni, Vec<String>> {
        let text = fs::read_to_string(root.join(SOURCE)).map_err(|e| vec![format!("{SOURCE}: {e}")])?;
        Jni::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Jni, Vec<String>> {
        let file = syn::parse_file(text).map_err(|e| vec![format!("{SOURCE}: {e}")])?;
        let mut errors = Vec::new();
        let mut class = None;
        let mut table = None;
        let mut exported: Vec<&ItemFn> = Vec::new();
        for item in &file.items {
            match item {
                Item::Const(c) if c.ident == "CLASS" => class = c_string(&c.expr),
                Item::Const(c) if c.ident == "METHODS" => table = Some(&*c.expr),
                Item::Fn(f) if f.attrs.iter().any(is_no_mangle) => exported.push(f),
                _ => {}
            }
        }
        let Some(class) = class else {
            return Err(vec![format!("{SOURCE}: no `const CLASS: &CStr = c\"...\";`")]);
        };
        if !class.split('/').all(is_java_identifier) {
            errors.push(format!(
                "{SOURCE}: CLASS {class:?}: a name with '_' or non-ASCII would be escaped in JNI symbols; \
                 this generator does not escape"
            ));
        }
        let mut symbols = Vec::new();
        for f in &exported {
            let name = f.sig.ident.to_string();
            let abi = f.sig.abi.as_ref().and_then(|a| a.name.as_ref()).map(|n| n.value());
            if !is_jni_symbol(&name) {
                errors.push(format!(
                    "{SOURCE}: fn {name} is exported, but only JNI entry points ({ON_LOAD}, Java_...) belong here"
                ));
            } else if abi.as_deref() != Some("system") {
                errors.push(format!(
                    "{SOURCE}: fn {name} must be `extern \"system\"`, as JNI calls it"
                ));
            }
            symbols.push(name);
        }
        let Some(table) = table else {
            errors.push(format!(
                "{SOURCE}: no `const METHODS` table of (name, descriptor, function)"
            ));
            return Err(errors);
        };
        let mut methods = Vec::new();
        let mut named = Vec::new();
        for row in rows(table) {
            named.extend(function_of(row));
            match method(&class, row, &exported) {
                Ok(m) if methods.iter().any(|o: &NativeMethod| o.name == m.name) => {
                    errors.push(format!("{SOURCE}: METHODS registers {} twice", m.name))
                }
                Ok(m) => methods.push(m),
                Err(e) => errors.push(format!("{SOURCE}: METHODS: {e}")),
            }
        }
        if methods.is_empty() && errors.is_empty() {
            errors.push(format!("{SOURCE}: METHODS registers no method"));
        }
        for symbol in symbols.iter().filter(|s| s.starts_with("Java_")) {
            if !named.contains(symbol) {
                errors.push(format!(
                    "{SOURCE}: fn {symbol} is exported but not in METHODS: JNI_OnLoad would not bind it"
                ));
            }
        }
        if errors.is_empty() {
            Ok(Jni {
                class,
                symbols,
                methods,
            })
        } else {
            Err(errors)
        }
    }

    /// The `native` declarations of every method, with their doc comments (the
    /// Rust ones up to `# Safety`, with `code` as `{@code code}`), in `METHODS` order.
    pub fn declarations(&self) -> Result<String, Vec<String>> {
        let mut s = String::new();
        let mut errors = Vec::new();
        for (i, m) in self.methods.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            let doc: Vec<String> = m
                .doc
                .iter()
                .take_while(|l| l.trim() != "# Safety")
                .map(|l| javadoc(l.trim()))
                .collect();
            let doc = doc.join("\n");
            let doc = doc.trim();
            if doc.contains("*/") {
                errors.push(format!(
                    "{SOURCE}: the doc of {} has \"*/\", which would end the Javadoc",
                    m.symbol
                ));
            }
            if !doc.is_empty() {
                s.push_str("/**\n");
                let mut paragraph_ended = false;
                for line in doc.lines() {
                    match line {
                        "" => s.push_str(" *\n"),
                        _ if paragraph_ended => writeln!(s, " * <p>{line}").unwrap(),
                        _ => writeln!(s, " * {line}").unwrap(),
                    }
                    paragraph_ended = line.is_empty();
                }
                s.push_str(" */\n");
            }
            let (params, ret) = descriptor_types(&m.descriptor).expect("checked when read");
            let params: Vec<String> = params
                .iter()
                .zip(&m.params)
                .map(|(t, name)| format!("{} {name}", java_type(t)))
                .collect();
            let modifiers = if m.is_static {
                "private static native"
            } else {
                "private native"
            };
            writeln!(s, "{modifiers} {} {}({});", java_type(ret), m.name, params.join(", ")).unwrap();
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }
}

fn is_no_mangle(attr: &Attribute) -> bool {
    match &attr.meta {
        Meta::Path(p) => p.is_ident("no_mangle"),
        // #[unsafe(no_mangle)], edition 2024's spelling.
        Meta::List(l) => l.path.is_ident("unsafe") && l.tokens.to_string() == "no_mangle",
        Meta::NameValue(_) => false,
    }
}

fn is_java_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The text of a `c"..."` literal.
fn c_string(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::CStr(c) => c.value().into_string().ok(),
            _ => None,
        },
        Expr::Reference(r) => c_string(&r.expr),
        Expr::Group(g) => c_string(&g.expr),
        _ => None,
    }
}

/// The rows of the `METHODS` array.
fn rows(table: &Expr) -> Vec<&Expr> {
    match table {
        Expr::Array(a) => a.elems.iter().collect(),
        Expr::Group(g) => rows(&g.expr),
        _ => Vec::new(),
    }
}

/// The function a row of `METHODS` names, if it names one.
fn function_of(row: &Expr) -> Option<String> {
    let Expr::Tuple(t) = row else { return None };
    let function = match t.elems.iter().nth(2)? {
        Expr::Cast(c) => &*c.expr,
        other => other,
    };
    let Expr::Path(path) = function else { return None };
    Some(path.path.segments.last()?.ident.to_string())
}

/// One row of `METHODS`, `(c"name", c"descriptor", function as *mut c_void)`, checked
/// against the function it names.
fn method(class: &str, row: &Expr, exported: &[&ItemFn]) -> Result<NativeMethod, String> {
    let Expr::Tuple(t) = row else {
        return Err("a row is not a (name, descriptor, function) tuple".into());
    };
    let elems: Vec<&Expr> = t.elems.iter().collect();
    let [name, descriptor, _] = elems[..] else {
        return Err("a row is not a (name, descriptor, function) tuple".into());
    };
    let (Some(name), Some(descriptor)) = (c_string(name), c_string(descriptor)) else {
        return Err("a row's name and descriptor must be c\"...\" literals".into());
    };
    let Some(function) = function_of(row) else {
        return Err(format!(
            "{name}: the function must be named, as `Java_... as *mut c_void`"
        ));
    };
    if !is_java_identifier(&name) {
        return Err(format!(
            "{name}: a name with '_' or non-ASCII would be escaped in its JNI symbol; this generator does not escape"
        ));
    }
    let symbol = format!("Java_{}_{name}", class.replace('/', "_"));
    if function != symbol {
        return Err(format!(
            "{name} is bound to fn {function}, but the JVM looks it up as {symbol}"
        ));
    }
    let Some(f) = exported.iter().find(|f| f.sig.ident == symbol) else {
        return Err(format!("{name}: no exported (#[no_mangle]) fn {symbol}"));
    };
    let Some((param_types, return_type)) = descriptor_types(&descriptor) else {
        return Err(format!("{name}: {descriptor:?} is not a JNI method descriptor"));
    };
    let inputs: Vec<(String, String)> = f
        .sig
        .inputs
        .iter()
        .map(|arg| match arg {
            FnArg::Typed(p) => {
                let name = match &*p.pat {
                    Pat::Ident(i) => i.ident.to_string(),
                    _ => String::new(),
                };
                (name.trim_start_matches('_').to_string(), rust_type(&p.ty))
            }
            FnArg::Receiver(_) => (String::new(), String::new()),
        })
        .collect();
    let want = format!(
        "{} parameters: JNIEnv, the class or object, then those of {descriptor}",
        param_types.len() + 2
    );
    let [(_, env), (_, this), rest @ ..] = &inputs[..] else {
        return Err(format!("fn {symbol} should take {want}"));
    };
    if env != "*JNIEnv" || !matches!(this.as_str(), "jclass" | "jobject") || rest.len() != param_types.len() {
        return Err(format!("fn {symbol} should take {want}"));
    }
    for ((param, rust), java) in rest.iter().zip(&param_types) {
        if !matches_descriptor(rust, java) {
            return Err(format!(
                "fn {symbol}: parameter {param} is {rust}, but {descriptor} says {java}"
            ));
        }
        if !is_java_identifier(param) {
            return Err(format!("fn {symbol}: parameter {param:?} is no Java name"));
        }
    }
    let returns = match &f.sig.output {
        ReturnType::Default => String::new(),
        ReturnType::Type(_, t) => rust_type(t),
    };
    if !matches_descriptor(&returns, return_type) {
        return Err(format!(
            "fn {symbol} returns {returns:?}, but {descriptor} says {return_type}"
        ));
    }
    Ok(NativeMethod {
        name,
        symbol,
        descriptor: descriptor.clone(),
        is_static: this == "jclass",
        params: rest.iter().map(|(n, _)| n.clone()).collect(),
        doc: doc_lines(&f.attrs),
    })
}

/// A type as its last path segment (`jni_sys::jint` is `jint`), a pointer as `*` and its target.
fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        Type::Ptr(p) => format!("*{}", rust_type(&p.elem)),
        Type::Group(g) => rust_type(&g.elem),
        Type::Paren(p) => rust_type(&p.elem),
        _ => "(unsupported)".to_string(),
    }
}

/// Whether the jni-sys type `rust` (as [`rust_type`] names it, "" for none) carries the JNI field
/// descriptor `java` ("V" for void).
fn matches_descriptor(rust: &str, java: &str) -> bool {
    match rust {
        "" => java == "V",
        "jboolean" => java == "Z",
        "jbyte" => java == "B",
        "jchar" => java == "C",
        "jshort" => java == "S",
        "jint" => java == "I",
        "jlong" => java == "J",
        "jfloat" => java == "F",
        "jdouble" => java == "D",
        "jstring" => java == "Ljava/lang/String;",
        "jclass" => java == "Ljava/lang/Class;",
        "jthrowable" => java == "Ljava/lang/Throwable;",
        "jobjectArray" => java.starts_with("[L") || java.starts_with("[["),
        "jbooleanArray" => java == "[Z",
        "jbyteArray" => java == "[B",
        "jcharArray" => java == "[C",
        "jshortArray" => java == "[S",
        "jintArray" => java == "[I",
        "jlongArray" => java == "[J",
        "jfloatArray" => java == "[F",
        "jdoubleArray" => java == "[D",
        "jobject" => java.starts_with('L') || java.starts_with('['),
        _ => false,
    }
}

/// The parameter and return field descriptors of a method descriptor: `(Ljava/lang/String;I)[B`
/// gives `["Ljava/lang/String;", "I"]` and `"[B"`. `None` if it is malformed.
fn descriptor_types(descriptor: &str) -> Option<(Vec<&str>, &str)> {
    let (params, ret) = descriptor.strip_prefix('(')?.split_once(')')?;
    let mut list = Vec::new();
    let mut rest = params;
    while !rest.is_empty() {
        let len = field_len(rest)?;
        list.push(&rest[..len]);
        rest = &rest[len..];
    }
    (ret == "V" || field_len(ret) == Some(ret.len())).then_some((list, ret))
}

/// The length of the field descriptor at the start of `s`.
fn field_len(s: &str) -> Option<usize> {
    match s.as_bytes().first()? {
        b'Z' | b'B' | b'C' | b'S' | b'I' | b'J' | b'F' | b'D' => Some(1),
        b'L' => Some(s.find(';')? + 1).filter(|&n| n > 2),
        b'[' => Some(1 + field_len(&s[1..])?),
        _ => None,
    }
}

/// The Java type of a field descriptor (or "V"): `Ljava/lang/String;` is `String`,
/// `[Ljava/lang/String;` `String[]`, `Ljava/util/Map;` `java.util.Map`.
fn java_type(descriptor: &str) -> String {
    match descriptor {
        "V" => "void".into(),
        "Z" => "boolean".into(),
        "B" => "byte".into(),
        "C" => "char".into(),
        "S" => "short".into(),
        "I" => "int".into(),
        "J" => "long".into(),
        "F" => "float".into(),
        "D" => "double".into(),
        array if array.starts_with('[') => format!("{}[]", java_type(&array[1..])),
        class => {
            let name = class.trim_start_matches('L').trim_end_matches(';').replace('/', ".");
            match name.strip_prefix("java.lang.") {
                Some(short) if !short.contains('.') => short.to_string(),
                _ => name,
            }
        }
    }
}

/// The lines of the `///` comment among `attrs`, without the space after `///`.
fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .flat_map(|s| {
            s.split('\n')
                .map(|l| l.strip_prefix(' ').unwrap_or(l).to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A line of Markdown as Javadoc: `` `x` `` and `` [`x`](link) `` become `{@code x}`.
fn javadoc(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        let code = &rest[start + 1..start + 1 + len];
        let mut before = &rest[..start];
        let mut after = &rest[start + 2 + len..];
        // An intra-doc link: [`x`] or [`x`](target).
        if before.ends_with('[') && after.starts_with(']') {
            before = &before[..before.len() - 1];
            after = &after[1..];
            if after.starts_with('(') {
                after = after.find(')').map_or(after, |end| &after[end + 1..]);
            }
        }
        write!(out, "{before}{{@code {code}}}").unwrap();
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE_TEXT: &str = r#"
        const CLASS: &CStr = c"a/b/Thing";
        const METHODS: [(&CStr, &CStr, *mut c_void); 2] = [
            (c"nativeFind", c"(Ljava/lang/String;I)I", Java_a_b_Thing_nativeFind as *mut c_void),
            (c"nativeAll", c"()[Ljava/lang/String;", Java_a_b_Thing_nativeAll as *mut c_void),
        ];
        #[no_mangle]
        pub unsafe extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _reserved: *mut c_void) -> jint { 0 }
        /// `int nativeFind(String code, int from)`: see [`lookup`](crate::lookup).
        ///
        /// Returns -1 for [`None`].
        ///
        /// # Safety
        /// Not in Java.
        #[no_mangle]
        pub unsafe extern "system" fn Java_a_b_Thing_nativeFind(env: *mut JNIEnv, _class: jclass, code: jstring, from: jint) -> jint { 0 }
        #[no_mangle]
        pub unsafe extern "system" fn Java_a_b_Thing_nativeAll(env: *mut JNIEnv, _class: jclass) -> jobjectArray { 0 }
    "#;

    #[test]
    fn declarations_follow_the_descriptors() {
        let jni = Jni::parse(SOURCE_TEXT).unwrap();
        assert_eq!(jni.class, "a/b/Thing");
        assert_eq!(
            jni.symbols,
            ["JNI_OnLoad", "Java_a_b_Thing_nativeFind", "Java_a_b_Thing_nativeAll"]
        );
        assert_eq!(
            jni.declarations().unwrap(),
            "/**\n * {@code int nativeFind(String code, int from)}: see {@code lookup}.\n *\n \
             * <p>Returns -1 for {@code None}.\n */\n\
             private static native int nativeFind(String code, int from);\n\n\
             private static native String[] nativeAll();\n"
        );
    }

    #[test]
    fn inconsistencies_are_reported() {
        let unregistered = SOURCE_TEXT.replace(
            "(c\"nativeAll\", c\"()[Ljava/lang/String;\", Java_a_b_Thing_nativeAll as *mut c_void),",
            "",
        );
        assert_eq!(
            Jni::parse(&unregistered).err().unwrap(),
            ["src/jni.rs: fn Java_a_b_Thing_nativeAll is exported but not in METHODS: JNI_OnLoad would not bind it"]
        );
        let wrong_type = SOURCE_TEXT.replace("(Ljava/lang/String;I)I", "(Ljava/lang/String;J)I");
        assert_eq!(
            Jni::parse(&wrong_type).err().unwrap(),
            ["src/jni.rs: METHODS: fn Java_a_b_Thing_nativeFind: parameter from is jint, but (Ljava/lang/String;J)I says J"]
        );
        let renamed = SOURCE_TEXT.replace("c\"nativeAll\"", "c\"nativeEvery\"");
        assert_eq!(
            Jni::parse(&renamed).err().unwrap(),
            [
                "src/jni.rs: METHODS: nativeEvery is bound to fn Java_a_b_Thing_nativeAll, but the JVM looks it up as Java_a_b_Thing_nativeEvery",
            ]
        );
        let c_function = SOURCE_TEXT.replace("extern \"system\" fn JNI_OnLoad", "extern \"C\" fn iot_x");
        assert_eq!(
            Jni::parse(&c_function).err().unwrap(),
            ["src/jni.rs: fn iot_x is exported, but only JNI entry points (JNI_OnLoad, Java_...) belong here"]
        );
    }

    #[test]
    fn descriptors() {
        assert_eq!(
            descriptor_types("(Ljava/lang/String;[[IJ)V"),
            Some((vec!["Ljava/lang/String;", "[[I", "J"], "V"))
        );
        assert_eq!(descriptor_types("(L;)V"), None);
        assert_eq!(descriptor_types("()"), None);
        assert_eq!(java_type("[[Ljava/util/Map;"), "java.util.Map[][]");
        assert_eq!(
            java_type("Ljava/lang/invoke/MethodHandle;"),
            "java.lang.invoke.MethodHandle"
        );
    }
}
