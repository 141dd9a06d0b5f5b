package org.endpointmanager.core.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.endpointmanager.core.store.Database.DbKind;
import org.endpointmanager.core.store.TestDatabases.TestDatabase;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link DatabaseTest} method once per database kind, named {@code [kind]} under the method.
 * Each test class gets one fresh database per kind (closed and dropped after the class), emptied
 * before every test; the test method receives it as a {@link Database} or {@link DbKind} parameter.
 */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Arrays.stream(DbKind.values()).map(Invocation::new);
    }

    /** The database of this kind for the test class, opened on first use. */
    static Database database(ExtensionContext context, DbKind kind) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext.getStore(NAMESPACE)
                .computeIfAbsent(kind, TestDatabases::open, TestDatabase.class)
                .database();
    }

    private record Invocation(DbKind kind) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            BeforeEachCallback prepare = context -> {
                TestDatabases.assumeAvailable(kind);
                TestDatabases.clear(database(context, kind));
            };
            ParameterResolver resolver = new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                    Class<?> type = p.getParameter().getType();
                    return type == Database.class || type == DbKind.class;
                }

                @Override
                public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                    return p.getParameter().getType() == DbKind.class ? kind : database(e, kind);
                }
            };
            return List.of(prepare, resolver);
        }
    }
}
