package dev.iotlocal.junit;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;

/** Runs the emulator {@link IotLocalTest} asks for. Kept in JUnit's store, which closes it. */
final class IotLocalTestExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IotLocalTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IotLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    private static IotLocal emulator(ExtensionContext context) {
        IotLocalTest settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), IotLocalTest.class)
                .orElseThrow(() -> new IllegalStateException("Annotate the test class with @IotLocalTest."));
        String key = Path.of(settings.config()).toAbsolutePath().normalize() + "#" + settings.stage();
        ExtensionContext owner = settings.shared() ? context.getRoot() : classContext(context);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
            var builder = IotLocal.builder().config(Path.of(settings.config())).edgePort(0).mqttPort(0);
            if (!settings.stage().isEmpty()) {
                builder.stage(settings.stage());
            }
            return builder.build().start();
        }, IotLocal.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
