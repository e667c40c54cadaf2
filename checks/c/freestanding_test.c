/*
 * The C API against the spec with no C library at all: for OpenWrt's
 * soft-float MIPS libraries (mips- and mipsel-unknown-linux-musl), which no
 * Debian loader can run (Debian's MIPS glibc is hard-float). This program is
 * freestanding and soft-float like them: its own entry point, the Linux write and
 * exit_group system calls (MIPS o32), and the memory functions a compiler may
 * call; it is linked statically with the shipped libiot_error_codes.a and run
 * under qemu-mips or qemu-mipsel by checks/tests/emulated.rs.
 *
 * The oracle is the spec: the test writes spec_table.h from the spec file
 * (SPEC_ROWS: each retCode and its description, in the spec's order) and puts
 * it on the include path; nothing comes from the library's own tables.
 *
 * Prints "N passed, 0 failed" (and each failed check) and exits 0 when all pass.
 */
#include "iot_error_codes.h"
#include "spec_table.h" /* struct spec_row spec_rows[]; SPEC_ROW_COUNT */

#include <stddef.h>

#if !defined(__mips__) || _MIPS_SIM != _ABIO32
#error "the system calls below are the MIPS o32 ones"
#endif

/* --- the system ----------------------------------------------------------- */
static long syscall3(long number, long a, long b, long c) {
    register long v0 __asm__("$2") = number;
    register long a0 __asm__("$4") = a;
    register long a1 __asm__("$5") = b;
    register long a2 __asm__("$6") = c;
    register long a3 __asm__("$7");
    __asm__ volatile("syscall"
                     : "+r"(v0), "=r"(a3)
                     : "r"(a0), "r"(a1), "r"(a2)
                     : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24",
                       "$25", "hi", "lo", "memory");
    return a3 ? -v0 : v0;
}

#define SYS_WRITE 4004
#define SYS_EXIT_GROUP 4246

static void put(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    syscall3(SYS_WRITE, 2, (long)s, (long)n);
}

static void put_out(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    syscall3(SYS_WRITE, 1, (long)s, (long)n);
}

static void put_number(unsigned long v, int out) {
    char digits[24];
    char *p = digits + sizeof digits - 1;
    *p = '\0';
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (out) put_out(p); else put(p);
}

static __attribute__((noreturn)) void exit_group(int status) {
    for (;;) syscall3(SYS_EXIT_GROUP, status, 0, 0);
}

/* What a C runtime provides and a compiler or the library may call. */
void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        while (n--) d[n] = s[n];
    }
    return dst;
}
void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}
int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) return *x - *y;
    }
    return 0;
}
int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
__attribute__((noreturn)) void abort(void) {
    put("abort() called\n");
    exit_group(134);
}

/* --- the checks ----------------------------------------------------------- */
static unsigned long passed, failed;

#define CHECK(cond) check((cond) != 0, __LINE__, #cond, "")
#define CHECK_CODE(cond, code) check((cond) != 0, __LINE__, #cond, code)

static void check(int ok, int line, const char *what, const char *code) {
    if (ok) {
        passed++;
        return;
    }
    failed++;
    put("freestanding_test.c:");
    put_number((unsigned long)line, 0);
    put(": check failed: ");
    put(what);
    if (*code) {
        put(" for ");
        put(code);
    }
    put("\n");
}

static int str_eq(const char *a, const char *b) {
    if (a == NULL || b == NULL) return 0;
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static size_t str_len(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* The spec's code, ASCII-lowercased, into `out` (at least 16 bytes). */
static void lowercase(const char *code, char *out) {
    size_t i;
    for (i = 0; code[i] && i < 15; i++) {
        out[i] = (code[i] >= 'A' && code[i] <= 'Z') ? (char)(code[i] + 32) : code[i];
    }
    out[i] = '\0';
}

static int is_upper_snake(const char *s) {
    if (s == NULL || *s < 'A' || *s > 'Z') return 0;
    for (; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    }
    return 1;
}

static void run(void) {
    size_t i, j;
    char lower[16], longer[24];

    CHECK(iot_error_count() == SPEC_ROW_COUNT);
    for (i = 0; i < SPEC_ROW_COUNT; i++) {
        const char *code = spec_rows[i].code, *text = spec_rows[i].text;
        size_t len = str_len(code);
        CHECK_CODE(str_eq(iot_error_describe(code), text), code);
        CHECK_CODE(str_eq(iot_error_describe_lang(code, "zh-CN"), text), code);
        CHECK_CODE(str_eq(iot_error_describe_n(code, len), text), code);
        CHECK_CODE(iot_error_describe_n(code, len - 1) != iot_error_describe(code), code);
        lowercase(code, lower);
        CHECK_CODE(str_eq(iot_error_describe(lower), text), code);
        CHECK_CODE(is_upper_snake(iot_error_name(code)), code);
        CHECK_CODE(str_eq(iot_error_name(lower), iot_error_name(code)), code);
        CHECK_CODE(iot_error_category(code) > 0 && iot_error_category_name(iot_error_category(code)) != NULL,
                   code);
        CHECK_CODE(iot_error_category_n(code, len) == iot_error_category(code), code);
        CHECK_CODE(iot_error_status(code) >= 0 && iot_error_status_name(iot_error_status(code)) != NULL, code);
        CHECK_CODE(iot_error_http_status(code) >= 400 && iot_error_http_status(code) <= 599, code);
        CHECK_CODE(iot_error_http_status_n(code, len) == iot_error_http_status(code), code);
        CHECK_CODE(iot_error_is_retryable(code) == 0 || iot_error_is_retryable(code) == 1, code);
        CHECK_CODE(iot_error_is_success(code) == 0, code);
        /* One byte more is another string, and no code. */
        for (j = 0; j < len; j++) longer[j] = code[j];
        longer[len] = '0';
        longer[len + 1] = '\0';
        CHECK_CODE(iot_error_describe(longer) == NULL, code);
        /* The enumeration holds each spec code exactly once. */
        {
            size_t k, seen = 0;
            for (k = 0; k < iot_error_count(); k++) seen += str_eq(iot_error_code_at(k), code);
            CHECK_CODE(seen == 1, code);
        }
    }
    CHECK(iot_error_code_at(iot_error_count()) == NULL);
    CHECK(iot_error_describe(NULL) == NULL);
    CHECK(iot_error_describe("") == NULL);
    CHECK(iot_error_describe("Z99999") == NULL);
    CHECK(iot_error_describe_n(NULL, 6) == NULL);
    CHECK(iot_error_is_success("00000") == 1);
    CHECK(iot_error_is_success("000000") == 0);
    CHECK(iot_error_is_success("0000") == 0);
    CHECK(iot_error_is_success(NULL) == 0);
    CHECK(str_eq(iot_error_version(), IOT_ERROR_VERSION_STRING));
    CHECK(str_eq(iot_error_catalog_version(), IOT_ERROR_CATALOG_VERSION));
    CHECK(str_eq(iot_error_language("en-US"), "en"));
}

__attribute__((noreturn, used)) void start_c(void) {
    run();
    put_number(passed, 1);
    put_out(" passed, ");
    put_number(failed, 1);
    put_out(" failed\n");
    exit_group(failed == 0 && passed > 0 ? 0 : 1);
}

/* The kernel enters here (MIPS's ld names the entry __start) with the stack
 * pointer set and nothing else: the global pointer (_gp, which the linker
 * defines) comes first, as `la` loads start_c's address from the GOT, and
 * position-independent code finds its own data from its address in $t9. */
__asm__(".text\n"
        ".globl __start\n"
        ".type __start, @function\n"
        ".set noreorder\n"
        "__start:\n"
        "  lui $gp, %hi(_gp)\n"
        "  addiu $gp, $gp, %lo(_gp)\n"
        "  move $fp, $0\n"
        "  li $t0, -8\n"
        "  and $sp, $sp, $t0\n"
        "  addiu $sp, $sp, -32\n"
        "  la $t9, start_c\n"
        "  jalr $t9\n"
        "  nop\n"
        ".set reorder\n");
