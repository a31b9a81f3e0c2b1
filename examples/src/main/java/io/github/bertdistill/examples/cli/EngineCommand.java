package io.github.bertdistill.examples.cli;

import ai.djl.ndarray.NDManager;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.engine.ThreadSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bert-distill engine}: starts PyTorch offline and reports versions and start-up time. */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        header = "Check the installation: start PyTorch offline.",
        description = {
            "Check the installation: start PyTorch offline, print versions and start-up time.",
            "No network is needed; the first start unpacks the natives into ~/.djl.ai."
        })
final class EngineCommand implements Callable<Integer> {
    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Intra-op threads (default: PyTorch's choice).")
    int intraOpThreads;

    @Option(
            names = "--interop-threads",
            paramLabel = "N",
            description = "Inter-op threads (default: PyTorch's choice).")
    int interOpThreads;

    @Override
    public Integer call() {
        EngineInfo info = EngineBootstrap.start(new ThreadSettings(intraOpThreads, interOpThreads));
        System.out.println(info.describe());
        try (NDManager manager = EngineBootstrap.newManager()) {
            float sum = manager.arange(1f, 5f).sum().getFloat();
            System.out.println("check: 1 + 2 + 3 + 4 = " + sum);
        }
        return 0;
    }
}
