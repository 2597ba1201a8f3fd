package ru.gospochta.gateway.internal.messages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.springframework.core.io.ClassPathResource;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies into one tree shape whatever the format (GW-2), safely: the size is capped
 * while reading; JSON nesting and number lengths are bounded and duplicate keys refused; XML is
 * validated against its published XSD ({@link Form}) in the same pass, with DTDs and external
 * entities refused outright (no XXE, no entity expansion), and turned into the tree the JSON form
 * would give.
 */
final class PayloadReader {

    static final String NAMESPACE = "urn:gospochta:api:v1";

    /**
     * An XML document family of the API: its XSD, and how its elements become the JSON tree.
     * Elements in {@code lists} hold a list; elements in {@code maps} hold entries keyed by an
     * attribute, e.g. {@code <variable name="amount">100.00</variable>} → {@code "amount": "100.00"}.
     */
    static final class Form {

        private final Schema schema;
        private final Set<String> lists;
        private final Map<String, String> maps;

        private Form(String xsd, Set<String> lists, Map<String, String> maps) {
            this.schema = loadSchema(xsd);
            this.lists = lists;
            this.maps = maps;
        }
    }

    /** Messages and batches: {@code message.xsd}. */
    static final Form MESSAGES = new Form("gateway/message.xsd", Set.of("messages", "attachments"), Map.of());
    /** Events: {@code event.xsd}. */
    static final Form EVENTS = new Form("gateway/event.xsd", Set.of(), Map.of("variables", "name"));

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            // Base64 attachments travel as strings: one may be 10 MB, so 14 M characters.
                            .maxStringLength(15_000_000)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private PayloadReader() {
    }

    /**
     * The tree of a document already read under its limit, by its format; XML schema errors are
     * added to {@code violations}.
     */
    static JsonNode tree(Payload payload, Form form, List<Violation> violations) {
        byte[] body = payload.document();
        // Already read under the limit; the readers' own count cannot be reached again.
        return payload.xml() ? xml(form, new ByteArrayInputStream(body), body.length, violations)
                : json(new ByteArrayInputStream(body), body.length);
    }

    static JsonNode json(InputStream body, long limit) {
        try {
            JsonNode tree = JSON.readTree(new LimitedInputStream(body, limit));
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedPayload("empty-body", "the request has no body");
            }
            return tree;
        } catch (PayloadTooLarge tooLarge) {
            throw tooLarge;
        } catch (JacksonException broken) {
            if (broken.getCause() instanceof PayloadTooLarge tooLarge) {
                throw tooLarge;
            }
            throw new MalformedPayload("malformed-json", broken.getOriginalMessage());
        }
    }

    /**
     * Validates the XML against the XSD and returns its tree; schema errors are added to
     * {@code violations} with the path of the element they are in.
     */
    static JsonNode xml(Form form, InputStream body, long limit, List<Violation> violations) {
        TreeBuilder tree = new TreeBuilder(form, violations);
        try {
            XMLReader reader = secureParser();
            ValidatorHandler validator = form.schema.newValidatorHandler();
            validator.setErrorHandler(tree);
            validator.setContentHandler(tree);
            reader.setContentHandler(validator);
            reader.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            reader.parse(new InputSource(new LimitedInputStream(body, limit)));
        } catch (PayloadTooLarge tooLarge) {
            throw tooLarge;
        } catch (SAXException broken) {
            if (broken.getCause() instanceof PayloadTooLarge tooLarge) {
                throw tooLarge;
            }
            throw new MalformedPayload("malformed-xml", broken.getMessage());
        } catch (IOException unreadable) {
            if (unreadable.getCause() instanceof PayloadTooLarge tooLarge) {
                throw tooLarge;
            }
            throw new MalformedPayload("malformed-xml", unreadable.getMessage());
        }
        return tree.root();
    }

    private static XMLReader secureParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a security feature", e);
        }
    }

    private static Schema loadSchema(String resource) {
        try (InputStream xsd = new ClassPathResource(resource).getInputStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the published XSD " + resource + " cannot be loaded", e);
        }
    }

    /** Builds the tree while the validator passes events through, and files its errors under the current path. */
    private static final class TreeBuilder extends DefaultHandler implements ErrorHandler {

        private final Form form;
        private final List<Violation> violations;
        /** Each open element's key in its parent: its name, its place in a list, or its key attribute in a map. */
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<JsonNode> containers = new ArrayDeque<>();
        /** The local names of the open elements, innermost first. */
        private final Deque<String> elements = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private final ObjectNode root = JsonNodeFactory.instance.objectNode();

        TreeBuilder(Form form, List<Violation> violations) {
            this.form = form;
            this.violations = violations;
        }

        JsonNode root() {
            return root;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            text.setLength(0);
            JsonNode parent = containers.peek();
            String name = path.isEmpty() ? "" : local;
            if (parent instanceof ArrayNode list) {
                name = "[" + list.size() + "]";
            } else if (!path.isEmpty() && form.maps.containsKey(enclosing())) {
                // An entry of a map is filed under its key; the XSD reports a missing one.
                String key = attributes.getValue("", form.maps.get(enclosing()));
                name = key == null ? local : key;
            }
            path.push(name);
            elements.push(local);
            if (containers.isEmpty()) {
                // The root: <messages> becomes {"messages": [...]}, <message> the message object itself.
                if (form.lists.contains(local)) {
                    ArrayNode list = root.putArray(local);
                    path.pop();
                    path.push(local);
                    containers.push(list);
                } else {
                    containers.push(root);
                }
                return;
            }
            JsonNode node = form.lists.contains(local) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            if (parent instanceof ArrayNode list) {
                list.add(node);
            } else if (parent instanceof ObjectNode object) {
                object.set(name, node);
            }
            containers.push(node);
        }

        /** The local name of the innermost element open, before the one starting is pushed: its parent. */
        private String enclosing() {
            return elements.isEmpty() ? "" : elements.peek();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            JsonNode node = containers.pop();
            String name = path.pop();
            elements.pop();
            // A leaf element becomes a string in its parent; an empty map stays a map.
            if (node instanceof ObjectNode object && object.isEmpty() && !containers.isEmpty() && !form.maps.containsKey(local)) {
                JsonNode parent = containers.peek();
                String value = text.toString();
                if (parent instanceof ObjectNode p) {
                    p.put(name, value);
                } else if (parent instanceof ArrayNode list) {
                    list.set(list.size() - 1, JsonNodeFactory.instance.stringNode(value));
                }
            }
            text.setLength(0);
        }

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            violations.add(new Violation(currentPath(), "schema", e.getMessage()));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        private String currentPath() {
            StringBuilder at = new StringBuilder();
            var elements = path.descendingIterator();
            while (elements.hasNext()) {
                String part = elements.next();
                if (part.isEmpty()) {
                    continue;
                }
                if (!part.startsWith("[") && !at.isEmpty()) {
                    at.append('.');
                }
                at.append(part);
            }
            return at.toString();
        }
    }
}
