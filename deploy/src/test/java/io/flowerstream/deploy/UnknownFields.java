package io.flowerstream.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields that fabric8 did not recognise. Its model classes do not reject a misspelled key
 * (say {@code readOnlyRootFileSystem}): they keep it in {@code getAdditionalProperties()}, where
 * the API server would then drop or refuse it. This walks the whole object tree through its
 * getters and lists every such key with its path.
 */
final class UnknownFields {

    private UnknownFields() {}

    /**
     * Paths of every unknown key under {@code root}, e.g. {@code spec.template.spec.containers[0].securityContext.foo}.
     */
    static List<String> in(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", found, seen));
            return;
        }
        // Only fabric8's model classes have fields of their own; strings, numbers and enums end the walk.
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value);
            String name = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            String childPath = path.isEmpty() ? name : path + "." + name;
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> found.add((path.isEmpty() ? "" : path + ".") + key));
                }
                continue;
            }
            walk(child, childPath, found, seen);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "could not read " + getter + " of " + target.getClass().getName(), e);
        }
    }
}
