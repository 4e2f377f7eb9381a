package io.liaison.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;

/**
 * The training run of the launcher's ahead-of-time cache: a few commands of each kind (the overview, the catalog, a
 * label, a call to a node that is not there), so that the classes most commands load are in the cache. Writes
 * nothing and calls no node.
 */
final class Training {
    private Training() {}

    public static void main(String[] args) {
        String[][] runs = {
            {"--help"},
            {"agreement", "list"},
            {"label", "translate", "--agreement", "jpn-kor-gsomia-2016", "--to", "KOR", "--classification", "秘",
                "--originator", "JPN"},
            {"item", "add", "--help"},
            {"search", "training", "--node", "http://127.0.0.1:9", "--token", "training"},
        };
        for (String[] run : runs) {
            Main.run(run, InputStream.nullInputStream(), new PrintWriter(Writer.nullWriter()),
                    new PrintWriter(Writer.nullWriter()), Clock.systemUTC(), false);
        }
    }
}
