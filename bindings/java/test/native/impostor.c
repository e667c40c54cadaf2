/*
 * A stand-in libiot_error_codes.so for the loader tests in checks/tests/java/loader.rs: a
 * library with the right file name that NativeLibrary must pass over.
 *
 *   gcc -shared -fPIC impostor.c                       a build of the C library alone:
 *                                                      no JNI entry points
 *   gcc -shared -fPIC -DWITH_JNI -I<jdk>/include ...   an older build: JNI entry points
 *                                                      with a catalog of one code
 *                                                      and the start of a second
 */
#include <stddef.h>

size_t iot_error_count(void) { return 1; }

#ifdef WITH_JNI
#include <jni.h>

/* A new String[] of texts, or NULL with an exception pending. Every call that
 * may throw is checked, so that -Xcheck:jni has nothing to say. */
static jobjectArray strings(JNIEnv *env, const char *const *texts, jsize count) {
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    jobjectArray array = (*env)->NewObjectArray(env, count, string, NULL);
    (*env)->DeleteLocalRef(env, string);
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    for (jsize i = 0; i < count; i++) {
        jstring text = (*env)->NewStringUTF(env, texts[i]);
        if ((*env)->ExceptionCheck(env)) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, array, i, text);
        (*env)->DeleteLocalRef(env, text);
        if ((*env)->ExceptionCheck(env)) {
            return NULL;
        }
    }
    return array;
}

JNIEXPORT jobjectArray JNICALL Java_iot_errorcodes_IotErrorCodes_nativeLanguages(JNIEnv *env, jclass c) {
    static const char *const languages[] = {"zh", "en"};
    (void)c;
    return strings(env, languages, 2);
}

JNIEXPORT jobjectArray JNICALL Java_iot_errorcodes_IotErrorCodes_nativeConstants(JNIEnv *env, jclass c) {
    static const char *const constants[] = {"0.0.1", "1.2.0", "00000"};
    (void)c;
    return strings(env, constants, 3);
}

/* One full row of 3 + 2 strings, then a row cut short. */
JNIEXPORT jobjectArray JNICALL Java_iot_errorcodes_IotErrorCodes_nativeCatalog(JNIEnv *env, jclass c) {
    static const char *const catalog[] = {"A00001", "SERVICE_UNAVAILABLE", "system", "old", "old",
                                          "A00002", "NETWORK_ERROR"};
    (void)c;
    return strings(env, catalog, 7);
}

JNIEXPORT jint JNICALL Java_iot_errorcodes_IotErrorCodes_nativeResolve(JNIEnv *env, jclass c, jstring code) {
    (void)env, (void)c, (void)code;
    return 0;
}

JNIEXPORT jint JNICALL Java_iot_errorcodes_IotErrorCodes_nativeLanguage(JNIEnv *env, jclass c, jstring tag) {
    (void)env, (void)c, (void)tag;
    return -1;
}
#endif
