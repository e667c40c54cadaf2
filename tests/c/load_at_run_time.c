/*
 * Links a C test program (tests/c/api_test.c) to the library loaded at run
 * time, as CPython's ctypes loads it (dlopen, or LoadLibrary on Windows),
 * instead of through the linker: every function of the library is defined
 * here as a two-instruction trampoline that jumps through a pointer, and a
 * constructor fills the pointers with dlsym/GetProcAddress before main runs.
 *
 * The library's path is the environment variable IOT_ERROR_CODES_LIBRARY. The
 * functions are those of SHIM_FUNCTIONS, a file of SHIM(name) lines that the
 * check writes from the header (checks/tests/desktop.rs: -include it). A
 * trampoline passes the arguments on untouched, so it needs no prototype: the
 * program calls it as the header declares the function.
 *
 * x86-64 (ELF and PE) and AArch64. Built with -std=gnu99 (top-level asm); the
 * program it serves keeps its own flags (-std=c99 -pedantic).
 */
#include <stdio.h>
#include <stdlib.h>

#ifdef _WIN32
#include <windows.h>
typedef HMODULE library;
static library open_library(const char *path) { return LoadLibraryA(path); }
static void *find(library lib, const char *name) { return (void *)GetProcAddress(lib, name); }
#else
#include <dlfcn.h>
typedef void *library;
/* What ctypes.CDLL does: RTLD_NOW | RTLD_LOCAL (its default mode). */
static library open_library(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void *find(library lib, const char *name) { return dlsym(lib, name); }
#endif

#if defined(__x86_64__)
#define JUMP_THROUGH(ptr) "jmp *" ptr "(%rip)\n"
#elif defined(__aarch64__)
#define JUMP_THROUGH(ptr) "adrp x16, " ptr "\nldr x16, [x16, #:lo12:" ptr "]\nbr x16\n"
#else
#error "load_at_run_time.c: no trampoline for this CPU"
#endif

/* The trampolines come before anything the compiler emits, so that their
 * ".text" cannot leave it writing elsewhere than it believes (.pushsection
 * would be cleaner, but mingw's assembler has no such directive for PE). */
#define SHIM(name) __asm__(".text\n.globl " #name "\n" #name ":\n" JUMP_THROUGH("shim_ptr_" #name));
#include SHIM_FUNCTIONS
#undef SHIM

#define SHIM(name) void *shim_ptr_##name;
#include SHIM_FUNCTIONS
#undef SHIM

static void resolve(library lib, void **ptr, const char *name) {
    *ptr = find(lib, name);
    if (*ptr == NULL) {
        fprintf(stderr, "load_at_run_time: the library has no %s\n", name);
        exit(2);
    }
}

__attribute__((constructor)) static void load(void) {
    const char *path = getenv("IOT_ERROR_CODES_LIBRARY");
    library lib;
    if (path == NULL) {
        fprintf(stderr, "load_at_run_time: IOT_ERROR_CODES_LIBRARY names no library\n");
        exit(2);
    }
    lib = open_library(path);
    if (lib == NULL) {
        fprintf(stderr, "load_at_run_time: cannot load %s\n", path);
        exit(2);
    }
#define SHIM(name) resolve(lib, &shim_ptr_##name, #name);
#include SHIM_FUNCTIONS
#undef SHIM
}
