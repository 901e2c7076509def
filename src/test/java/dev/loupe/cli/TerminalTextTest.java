package dev.loupe.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void aValueHasEveryControlCharacterEscapedLineBreaksIncluded() {
        assertThat(TerminalText.safe("plain ünïcode 🌷")).isEqualTo("plain ünïcode 🌷");
        assertThat(TerminalText.safe("a\u001b[2Jb\r\nc\td\u0085e\u202Ef\u007f"))
                .isEqualTo("a\\x1b[2Jb\\r\\nc\\td\\x85e\\u202ef\\x7f");
    }

    @Test
    void theGuardOnTheCommandsOutputKeepsTheirLineBreaksAndEscapesTheRest() {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(TerminalText.guard(sink), true);
        out.println("label \u001b[31mred\u0007");
        out.print("\tat stack.Frame");
        out.flush();
        assertThat(sink.toString()).isEqualTo("label \\x1b[31mred\\x07" + System.lineSeparator() + "\tat stack.Frame");
    }
}
