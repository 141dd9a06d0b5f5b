package org.endpointmanager.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.render.TemplateEngine;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderedFile;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private final MustacheTemplateEngine engine = new MustacheTemplateEngine();

    @Test
    void lineEscapingCannotStartANewLine() {
        String out = engine.render("account.1.label = {{label}}\n", Map.of("label", "Bob\naccount.1.password = x\r\u2028"),
                Escaping.LINE);
        assertEquals(1, out.strip().split("\n").length, out);
        RenderedFileValidator.validate(RenderedFile.keyValue(out));
    }

    @Test
    void xmlEscapingCannotCloseAnElement() {
        String out = engine.render("<config><label>{{label}}</label></config>", Map.of("label", "</label></config><P2>x</P2>&"),
                Escaping.XML);
        RenderedFileValidator.validate(RenderedFile.xml(out));
        assertTrue(out.contains("&lt;/label&gt;"));
    }

    @Test
    void unescapedTagsAreRefused() {
        assertThrows(TemplateEngine.TemplateException.class, () -> engine.render("a = {{{x}}}", Map.of("x", "y"), Escaping.LINE));
        assertThrows(TemplateEngine.TemplateException.class, () -> engine.render("a = {{& x}}", Map.of("x", "y"), Escaping.LINE));
    }

    @Test
    void validatorRefusesInjectedLinesDoctypeAndLeftoverPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> RenderedFileValidator.validate(RenderedFile.keyValue("a = 1\nnot an assignment\n")));
        assertThrows(IllegalArgumentException.class, () -> RenderedFileValidator.validate(
                RenderedFile.xml("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
        RenderedFileValidator.validate(RenderedFile.keyValue("a = {{braces}} and {SIP_PASS} in a value are text\n"));
        assertTrue(Placeholders.unknown("a = {SIP_NUM}\nb = {SIP_PASSWD}\n").orElseThrow().startsWith("line 2"));
        assertTrue(Placeholders.unknown("a = {SIP_NUM} {{MAC}}\n").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RenderedFileValidator.validate(RenderedFile.xml("<a><b></a>")));
    }

    @Test
    void additionalParametersParseSeed002Examples() {
        RawParameters raw = RawParametersParser.parse("""
                [yealink]
                features.headset_prior = 1
                [grandstream]
                <P3>caller_id</P3>
                [fanvil-sip]
                SIP1 Default DTMF = AUTO
                [debug]
                verbose = 1
                """, Set.of("yealink", "grandstream", "fanvil-sip", "debug"));
        assertEquals("1", raw.section("yealink").get(0).value());
        assertEquals("P3", raw.section("grandstream").get(0).key());
        assertEquals("caller_id", raw.section("grandstream").get(0).value());
        assertEquals("SIP1 Default DTMF", raw.section("fanvil-sip").get(0).key());
    }

    @Test
    void additionalParametersErrorsNameTheLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RawParametersParser.parse("[yealink]\na = 1\n[nokia]\n", Set.of("yealink")));
        assertTrue(unknown.getMessage().startsWith("line 3"), unknown.getMessage());
        IllegalArgumentException orphan = assertThrows(IllegalArgumentException.class,
                () -> RawParametersParser.parse("a = 1", Set.of("yealink")));
        assertTrue(orphan.getMessage().startsWith("line 1"));
        assertThrows(IllegalArgumentException.class, () -> RawParametersParser.parse("[debug]\nverbose = yes", Set.of("debug")));
    }

    @Test
    void laterLayersWin() {
        Set<String> s = Set.of("yealink");
        RawParameters merged = RawParametersParser.merge(List.of(RawParametersParser.parse("[yealink]\na = 1\nb = 2", s),
                RawParametersParser.parse("[yealink]\na = 3", s)));
        assertEquals(2, merged.section("yealink").size());
        assertEquals("3", merged.section("yealink").stream().filter(p -> p.key().equals("a")).findFirst().orElseThrow().value());
    }
}
