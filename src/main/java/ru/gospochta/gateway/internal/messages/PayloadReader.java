package ru.gospochta.gateway.internal.messages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
 * validated against the published XSD in the same pass, with DTDs and external entities refused
 * outright (no XXE, no entity expansion), and turned into the tree the JSON form would give.
 */
final class PayloadReader {

    static final String NAMESPACE = "urn:gospochta:api:v1";
    /** Elements whose children form a list in the tree. */
    private static final Set<String> LISTS = Set.of("messages", "attachments");

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

    private static final Schema SCHEMA = loadSchema();

    private PayloadReader() {
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
    static JsonNode xml(InputStream body, long limit, List<Violation> violations) {
        TreeBuilder tree = new TreeBuilder(violations);
        try {
            XMLReader reader = secureParser();
            ValidatorHandler validator = SCHEMA.newValidatorHandler();
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

    private static Schema loadSchema() {
        try (InputStream xsd = new ClassPathResource("gateway/message.xsd").getInputStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("the published XSD cannot be loaded", e);
        }
    }

    /** Builds the tree while the validator passes events through, and files its errors under the current path. */
    private static final class TreeBuilder extends DefaultHandler implements ErrorHandler {

        private final List<Violation> violations;
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<JsonNode> containers = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private final ObjectNode root = JsonNodeFactory.instance.objectNode();

        TreeBuilder(List<Violation> violations) {
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
            }
            path.push(name);
            if (containers.isEmpty()) {
                // The root: <messages> becomes {"messages": [...]}, <message> the message object itself.
                if (LISTS.contains(local)) {
                    ArrayNode list = root.putArray(local);
                    path.pop();
                    path.push(local);
                    containers.push(list);
                } else {
                    containers.push(root);
                }
                return;
            }
            JsonNode node = LISTS.contains(local) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            if (parent instanceof ArrayNode list) {
                list.add(node);
            } else if (parent instanceof ObjectNode object) {
                object.set(local, node);
            }
            containers.push(node);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            JsonNode node = containers.pop();
            path.pop();
            // A leaf element becomes a string in its parent.
            if (node instanceof ObjectNode object && object.isEmpty() && !containers.isEmpty()) {
                JsonNode parent = containers.peek();
                String value = text.toString();
                if (parent instanceof ObjectNode p) {
                    p.put(local, value);
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
