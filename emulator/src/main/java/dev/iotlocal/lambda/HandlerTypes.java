package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The event and result types of a {@link RequestHandler}, resolved through the class hierarchy as the runtime does. */
final class HandlerTypes {

    private HandlerTypes() {
    }

    /** {@code [input, output]}; refused when a type is left as a type variable with no bound, as the runtime refuses it. */
    static Type[] requestHandlerTypes(Class<?> type) throws Handler.HandlerException {
        Type[] found = find(type, Map.of());
        if (found == null) {
            throw new Handler.HandlerException("Runtime.NoSuchMethod", "Class " + type.getName()
                    + " does not implement RequestHandler with concrete type parameters", null);
        }
        for (Type t : found) {
            if (t instanceof TypeVariable<?> variable && Arrays.stream(variable.getBounds()).allMatch(Object.class::equals)) {
                throw new Handler.HandlerException("Runtime.NoSuchMethod", "Class " + type.getName()
                        + " does not implement RequestHandler with concrete type parameters: parameter " + variable
                        + " has no upper bound. Name the event and result types, e.g. RequestHandler<Map<String, Object>, String>.",
                        null);
            }
        }
        return found;
    }

    private static Type[] find(Type type, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
            raw = c;
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], outer.getOrDefault(arguments[i], arguments[i]));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == RequestHandler.class) {
            return Arrays.stream(RequestHandler.class.getTypeParameters())
                    .map(v -> bindings.getOrDefault(v, v)).toArray(Type[]::new);
        }
        for (Type implemented : raw.getGenericInterfaces()) {
            Type[] found = find(implemented, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, bindings);
    }
}
