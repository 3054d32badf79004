package org.onecity.fhir.quality;

import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What R4 asks of a narrative's XHTML (Narrative.div, invariants txt-1 and txt-2), which FHIRPath cannot say:
 * one {@code div} in the XHTML namespace, only the basic HTML elements and attributes the specification lists (no
 * scripts, forms or event handlers), and some content. The lists are the specification's, as HL7's validator applies
 * them.
 */
final class NarrativeRules {

    static final String XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

    private static final Set<String> ELEMENTS = Set.of("p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a",
            "span", "b", "em", "i", "strong", "small", "big", "tt", "dfn", "q", "var", "abbr", "acronym", "cite",
            "blockquote", "hr", "address", "bdo", "kbd", "sub", "sup", "ul", "ol", "li", "dl", "dt", "dd", "pre",
            "table", "caption", "colgroup", "col", "thead", "tr", "tfoot", "tbody", "th", "td", "code", "samp", "img",
            "map", "area");
    private static final Set<String> ATTRIBUTES = Set.of("title", "style", "class", "id", "lang", "xml:lang", "dir",
            "accesskey", "tabindex", "span", "width", "align", "valign", "char", "charoff", "abbr", "axis", "headers",
            "scope", "rowspan", "colspan");
    private static final Map<String, Set<String>> ELEMENT_ATTRIBUTES = Map.of(
            "a", Set.of("href", "name"),
            "img", Set.of("src", "alt", "title", "longdesc", "height", "width", "usemap"),
            "area", Set.of("shape", "coords", "href", "nohref", "alt"),
            "table", Set.of("summary", "width", "border", "frame", "rules", "cellspacing", "cellpadding"),
            "div", Set.of("xmlns"));

    private NarrativeRules() {
    }

    /** @param path where the narrative is, e.g. {@code Bundle.entry[3].resource.text} */
    static void check(Narrative narrative, String path, List<Problem> problems) {
        XhtmlNode div = narrative.getDiv();
        if (div == null || div.isEmpty() && div.getChildNodes().isEmpty()) {
            problems.add(new Problem(path, "Narrative.div: minimum required = 1, but only found 0"));
            return;
        }
        String where = path + ".div";
        if (!"div".equals(div.getName())) {
            problems.add(new Problem(where, "txt-1: a narrative is one XHTML div, not a " + div.getName()));
        }
        if (!XHTML_NAMESPACE.equals(namespaceOf(div))) {
            problems.add(new Problem(where, "txt-1: the narrative's div must be in the XHTML namespace ("
                    + XHTML_NAMESPACE + ")"));
        }
        checkContent(div, where, problems);
        if (!hasContent(div)) {
            problems.add(new Problem(where, "txt-2: the narrative SHALL have some non-whitespace content"));
        }
    }

    private static String namespaceOf(XhtmlNode div) {
        String declared = div.getNsDecl();
        return declared != null ? declared : div.getAttribute("xmlns");
    }

    private static void checkContent(XhtmlNode node, String where, List<Problem> problems) {
        for (XhtmlNode child : node.getChildNodes()) {
            if (child.getNodeType() != NodeType.Element) {
                continue;
            }
            String name = child.getName();
            if (!ELEMENTS.contains(name)) {
                problems.add(new Problem(where, "txt-1: the narrative may contain only basic HTML; <" + name
                        + "> is not allowed"));
                continue;
            }
            for (String attribute : child.getAttributes().keySet()) {
                if (!ATTRIBUTES.contains(attribute) && !ELEMENT_ATTRIBUTES.getOrDefault(name, Set.of()).contains(attribute)) {
                    problems.add(new Problem(where, "txt-1: the narrative may not use the attribute " + attribute
                            + " on <" + name + ">"));
                }
            }
            checkContent(child, where, problems);
        }
    }

    private static boolean hasContent(XhtmlNode node) {
        for (XhtmlNode child : node.getChildNodes()) {
            if (child.getNodeType() == NodeType.Text && child.getContent() != null && !child.getContent().isBlank()
                    || child.getNodeType() == NodeType.Element && ("img".equals(child.getName()) || hasContent(child))) {
                return true;
            }
        }
        return false;
    }
}
