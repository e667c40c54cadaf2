// A gateway-style C++ program built against the *installed* library through
// CMake's find_package(iot_error_codes) (CMakeLists.txt beside this file).
//
// Prints what consumer.c prints: the named constant IOT_ERROR_TOKEN_EXPIRED
// with its name, then "CODE\tTEXT" for every code. Exits 1 on a version
// mismatch between the header and the library.
#include <cstdio>
#include <iostream>
#include <string>

#include <iot_error_codes.h>

int main() {
    const std::string version = iot_error_version();
    if (version != IOT_ERROR_VERSION_STRING || std::string(iot_error_catalog_version()) != IOT_ERROR_CATALOG_VERSION) {
        std::cerr << "header " IOT_ERROR_VERSION_STRING " but library " << version << '\n';
        return 1;
    }
    std::cout << IOT_ERROR_TOKEN_EXPIRED << '\t' << iot_error_name(IOT_ERROR_TOKEN_EXPIRED) << '\n';
    for (std::size_t i = 0; i < iot_error_count(); ++i) {
        const std::string code = iot_error_code_at(i);
        std::cout << code << '\t' << iot_error_describe(code.c_str()) << '\n';
    }
    return 0;
}
