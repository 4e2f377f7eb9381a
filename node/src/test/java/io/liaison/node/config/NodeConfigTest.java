package io.liaison.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class NodeConfigTest {

    @Test
    void badConfigurations_areRefusedWithOneClearLine(@TempDir Path dir) throws Exception {
        String good = "{\"party\":\"KOR\",\"policy\":\"kor\",\"nodeName\":\"kor-node\",\"host\":\"127.0.0.1\",\"port\":8443}";
        Files.writeString(dir.resolve("liaison.json"), good);
        assertThat(NodeConfig.read(dir).port()).isEqualTo(8443);
        for (String[] c : new String[][] {
                {good.replace("8443", "70000"), "port 70000 is outside 0..65535"},
                {good.replace("\"KOR\"", "\"kor\""), "party code 'kor' is invalid"},
                {good.replace("}", ",\"colour\":\"red\"}"), "colour"},
                {good.replace("127.0.0.1", "bad host!"), "host 'bad host!'"},
                {good.replace("}", ",\"db\":\"mysql://x\"}"), "must be a jdbc:postgresql: or jdbc:h2: URL"},
                {"{", "liaison.json"}}) {
            Files.writeString(dir.resolve("liaison.json"), c[0]);
            assertThatThrownBy(() -> NodeConfig.read(dir)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c[1]).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        Files.delete(dir.resolve("liaison.json"));
        assertThatThrownBy(() -> NodeConfig.read(dir)).hasMessageContaining("run liaison init first");
    }
}
