/*
 * A gateway-style C program built against the *installed* library, as
 * checks/tests/install.rs does through pkg-config (see docs/c.md, "Installing").
 *
 * Prints the named constant IOT_ERROR_TOKEN_EXPIRED with its name, then every
 * code of the catalog with its Chinese description, one "CODE\tTEXT" a line,
 * for the test to compare with the spec. Exits 1 if the header and the library
 * it runs with disagree on their versions.
 */
#include <stdio.h>
#include <string.h>

#include <iot_error_codes.h>

int main(void) {
    if (strcmp(iot_error_version(), IOT_ERROR_VERSION_STRING) != 0 ||
        strcmp(iot_error_catalog_version(), IOT_ERROR_CATALOG_VERSION) != 0) {
        fprintf(stderr, "header %s (catalog %s) but library %s (catalog %s)\n", IOT_ERROR_VERSION_STRING,
                IOT_ERROR_CATALOG_VERSION, iot_error_version(), iot_error_catalog_version());
        return 1;
    }
    printf("%s\t%s\n", IOT_ERROR_TOKEN_EXPIRED, iot_error_name(IOT_ERROR_TOKEN_EXPIRED));
    for (size_t i = 0; i < iot_error_count(); i++) {
        const char *code = iot_error_code_at(i);
        printf("%s\t%s\n", code, iot_error_describe(code));
    }
    return 0;
}
