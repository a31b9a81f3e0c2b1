package io.github.bertdistill.examples.cli;

import ai.djl.engine.Engine;
import picocli.CommandLine;

/** {@code --version}: bert-distill's version and the DJL it was built against. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BertDistillCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "bert-distill " + (version == null ? "(development build)" : version),
            "DJL " + Engine.getDjlVersion(),
            "Java " + Runtime.version()
        };
    }
}
