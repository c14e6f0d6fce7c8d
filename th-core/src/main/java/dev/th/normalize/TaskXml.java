package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Security 4698-4702: the task's XML (TaskContent, or TaskContentNew of 4702) read into its
 * actions, triggers and run-as account. ChildPath is the first Exec action's Command;
 * CommandLine every action ({@code Command Arguments}, a COM handler as {@code ComHandler
 * {CLSID}}), "; " between two; Triggers the trigger element names ({@code LogonTrigger;TimeTrigger});
 * Account the Principal's UserId (or GroupId). XML that does not parse leaves the columns null
 * (the whole text stays in Fields).
 */
final class TaskXml {
    /** One parser per thread: a DocumentBuilder is not thread-safe, the normalizer is. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(TaskXml::builder);

    private TaskXml() {
    }

    static void apply(RawEvent event, CanonicalEvent row) {
        String xml = event.field("TaskContentNew");
        if (Values.absent(xml)) {
            xml = event.field("TaskContent");
        }
        if (Values.absent(xml)) {
            return;
        }
        Document doc = parse(xml);
        if (doc == null) {
            return;
        }
        List<String> actions = new ArrayList<>();
        String firstCommand = null;
        for (Element e : children(first(doc.getDocumentElement(), "Actions"))) {
            if (e.getLocalName().equals("Exec")) {
                String command = text(first(e, "Command"));
                String args = text(first(e, "Arguments"));
                if (command != null) {
                    firstCommand = firstCommand == null ? command : firstCommand;
                    actions.add(args == null ? command : command + " " + args);
                }
            } else if (e.getLocalName().equals("ComHandler")) {
                actions.add("ComHandler " + text(first(e, "ClassId")));
            } else {
                actions.add(e.getLocalName());
            }
        }
        List<String> triggers = new ArrayList<>();
        for (Element e : children(first(doc.getDocumentElement(), "Triggers"))) {
            triggers.add(e.getLocalName());
        }
        Element principal = first(first(doc.getDocumentElement(), "Principals"), "Principal");
        String account = text(first(principal, "UserId"));
        if (account == null) {
            account = text(first(principal, "GroupId"));
        }
        if (firstCommand != null) {
            row.set(Column.ChildPath, firstCommand).set(Column.ChildFilename, Values.filename(firstCommand));
        }
        if (!actions.isEmpty()) {
            row.set(Column.CommandLine, String.join("; ", actions));
        }
        if (!triggers.isEmpty()) {
            row.set(Column.Triggers, String.join(";", triggers));
        }
        if (account != null) {
            row.set(Column.Account, account);
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilder b = BUILDER.get();
            b.reset();
            b.setErrorHandler(null);
            // a character stream: the declaration's encoding="UTF-16" does not apply to a Java string
            return b.parse(new InputSource(new StringReader(xml.trim())));
        } catch (Exception e) {
            return null;
        }
    }

    private static Element first(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getLocalName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    private static DocumentBuilder builder() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    }
}
