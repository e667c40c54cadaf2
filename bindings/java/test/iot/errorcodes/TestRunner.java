package iot.errorcodes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A test runner that needs only the JDK: runs every {@code static void test*()} method of the test
 * classes, prints one line per test and then {@code "N passed, N failed"}, and exits 1 if any failed.
 *
 * <pre>java -Xcheck:jni -cp iot-error-codes.jar:test-classes -Diot.errorcodes.root=REPO iot.errorcodes.TestRunner</pre>
 */
public final class TestRunner {
    private static final Class<?>[] TEST_CLASSES = {
        CatalogTest.class, CatalogsTest.class, InputTest.class, StatusTest.class, TagCacheTest.class, UppercaseIndexTest.class, ConcurrencyTest.class, ExceptionAndMainTest.class,
        NativeLibraryTest.class,
    };

    private TestRunner() {}

    public static void main(String[] args) {
        try {
            // What every test compares with: if the sources cannot be read, no test can run.
            Class.forName(Oracle.class.getName());
            Class.forName(Vectors.class.getName());
        } catch (ClassNotFoundException | ExceptionInInitializerError e) {
            System.out.println("cannot read the repository's sources: " + (e.getCause() == null ? e : e.getCause().getMessage()));
            System.exit(1);
        }
        int passed = 0;
        List<String> failed = new ArrayList<String>();
        for (Class<?> c : TEST_CLASSES) {
            Method[] methods = c.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) {
                    continue;
                }
                String name = c.getSimpleName() + "." + m.getName();
                try {
                    m.setAccessible(true);
                    m.invoke(null);
                    passed++;
                    System.out.println("ok      " + name);
                } catch (InvocationTargetException e) {
                    failed.add(name);
                    System.out.println("FAILED  " + name + ": " + e.getCause());
                    e.getCause().printStackTrace(System.out);
                } catch (IllegalAccessException e) {
                    failed.add(name);
                    System.out.println("FAILED  " + name + ": " + e);
                }
            }
        }
        System.out.println();
        if (!failed.isEmpty()) {
            System.out.println("failed: " + failed);
        }
        System.out.println(passed + " passed, " + failed.size() + " failed");
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
