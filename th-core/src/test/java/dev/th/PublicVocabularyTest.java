package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's guard of the public vocabulary: package {@code dev.th} holds what a user touches
 * and nothing else, and no public signature there hands a user an internal type (one of
 * {@code dev.th.ask}, or a type of a package a user is not meant to import). A class added to
 * {@code dev.th} fails this test until it is named below (it is vocabulary) or moved to
 * {@code dev.th.ask} (it is query building).
 */
class PublicVocabularyTest {

    /** Every top-level type of dev.th, by the role a user sees it in. */
    private static final Set<String> VOCABULARY = Set.of(
            // the session and the seeds' objects
            "TH", "Client", "Machine", "Process", "User", "File", "TimePeriod", "Histogram", "Hits", "Row",
            // the row types of the answers
            "Connection", "Registry", "Activity", "Detect", "Block", "DetectionRow", "IoA", "Bucket", "Bandwidth",
            "Prevalence", "LogonSession",
            // the question builders a user chains on (and their shared, package-private bases)
            "Ask", "FileAsk", "ActionAsk", "DetectionAsk", "ExecutionsQuery", "FilesQuery", "RegistryQuery",
            "CommunicationsQuery", "DetectionsQuery", "BlockedQuery", "ProcessesQuery", "UsersQuery", "EventsQuery",
            "IoasQuery", "Buckets", "FamilyQuery", "SessionsQuery", "ScriptsQuery",
            // the enums of allowed values
            "Labeled", "Kind", "Attribute", "Operation", "Protocol", "Port", "IpType", "Direction", "EventsBy",
            "RecoveredRows",
            // the answer's picture (th-views provides it through ServiceLoader)
            "Chart", "ChartProvider");

    /**
     * The packages a public signature of dev.th may name besides dev.th itself: the JDK, DFLib's
     * DataFrame, and the query model with its engine SPI ({@code TH.over(QueryEngine)}, the one
     * door engines and power users take).
     */
    private static final List<String> EXPOSABLE = List.of("java.", "org.dflib.", "dev.th.query.");

    @Test
    void dev_th_holds_only_the_public_vocabulary() throws Exception {
        Set<String> found = topLevelTypes();
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(VOCABULARY);
        assertTrue(extra.isEmpty(), "dev.th gained types outside its public vocabulary: " + extra
                + " (move query building to dev.th.ask, or name a type a user touches in PublicVocabularyTest)");
        Set<String> gone = new TreeSet<>(VOCABULARY);
        gone.removeAll(found);
        assertTrue(gone.isEmpty(), "the vocabulary list names types dev.th no longer has: " + gone);
    }

    @Test
    void no_public_signature_of_dev_th_exposes_an_internal_type() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String name : topLevelTypes()) {
            Class<?> c = Class.forName("dev.th." + name);
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            for (Type t : c.getGenericInterfaces()) {
                check(c.getSimpleName() + " implements", t, leaks);
            }
            if (c.getSuperclass() != null && !isPackagePrivateOfDevTh(c.getSuperclass())) {
                check(c.getSimpleName() + " extends", c.getGenericSuperclass(), leaks);
            }
            for (Field f : c.getFields()) {
                check(where(c, f), f.getGenericType(), leaks);
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    signature(c, k, leaks);
                }
            }
            for (Method m : c.getMethods()) {
                // bridges javac adds for methods of a package-private base return its erasure; the
                // method a user calls is the generic one, checked as well
                if (m.isBridge() || m.getDeclaringClass().getPackageName().startsWith("java.")) {
                    continue;
                }
                signature(c, m, leaks);
                check(where(c, m) + " returns", m.getGenericReturnType(), leaks);
            }
        }
        assertEquals(List.of(), leaks, "public signatures of dev.th that expose internal types");
    }

    @Test
    void the_check_sees_an_internal_type() {
        List<String> leaks = new ArrayList<>();
        check("a signature", dev.th.ask.Session.class, leaks);
        check("a signature", ActionAsk.class, leaks);
        check("a signature", dev.th.ingest.Ingest.class, leaks);
        check("a signature", TimePeriod.class, leaks);
        check("a signature", dev.th.query.Cond.class, leaks);
        assertEquals(3, leaks.size(), leaks.toString());
    }

    @Test
    void only_row_opens_the_door_into_the_rows() {
        dev.th.ask.Rows installed = dev.th.ask.Rows.get();
        assertEquals(Row.class, installed.getClass().getEnclosingClass());
        assertThrows(IllegalStateException.class, () -> dev.th.ask.Rows.install(installed));
        assertSame(installed, dev.th.ask.Rows.get());
    }

    private static void signature(Class<?> owner, Executable e, List<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(where(owner, e) + " takes", p, leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(where(owner, e) + " throws", x, leaks);
        }
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static String where(Class<?> owner, Member m) {
        return owner.getSimpleName() + "." + m.getName();
    }

    /** Records {@code t} (and its type arguments) when it is a type a user must not be handed. */
    private static void check(String where, Type t, List<String> leaks) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return;
            }
            Class<?> top = c;
            while (top.getEnclosingClass() != null) {
                top = top.getEnclosingClass();
            }
            String pkg = top.getPackageName() + ".";
            boolean ok = pkg.equals("dev.th.")
                    ? Modifier.isPublic(top.getModifiers()) && Modifier.isPublic(c.getModifiers())
                    : EXPOSABLE.stream().anyMatch(pkg::startsWith);
            if (!ok) {
                leaks.add(where + " " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks);
            }
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, leaks);
            }
        }
        // a type variable (the builders' S, T) is bound by the type that declares it, checked there
    }

    /** A base class a user cannot name (package-private in dev.th): its public methods are checked as the subclass's. */
    private static boolean isPackagePrivateOfDevTh(Class<?> c) {
        return c.getPackageName().equals("dev.th") && !Modifier.isPublic(c.getModifiers());
    }

    /** The simple names of the top-level types compiled into package dev.th. */
    private static Set<String> topLevelTypes() throws IOException, URISyntaxException {
        Path classes = Path.of(TH.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve("dev").resolve("th");
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
                    .forEach(n -> out.add(n.substring(0, n.length() - ".class".length())));
        }
        assertTrue(out.contains("TH"), "no compiled dev.th in " + dir);
        return out;
    }
}
