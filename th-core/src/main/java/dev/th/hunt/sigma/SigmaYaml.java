package dev.th.hunt.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML documents of a rule file. Scalars stay text except {@code null} and
 * {@code true}/{@code false}: {@code 0x17}, {@code 010} or {@code 2023-01-01} are compared as the
 * rule author wrote them, not as YAML 1.1 would re-type them.
 */
final class SigmaYaml {
    private SigmaYaml() {
    }

    /** Every document of the text; throws SnakeYAML's exception (with line and column) when malformed. */
    static List<Object> documents(String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(50);
        Yaml yaml = new Yaml(new SafeConstructor(opts), new Representer(new DumperOptions()), new DumperOptions(), opts,
                new TextResolver());
        List<Object> docs = new ArrayList<>();
        for (Object d : yaml.loadAll(text)) {
            if (d != null) {
                docs.add(d);
            }
        }
        return docs;
    }

    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
        }
    }
}
