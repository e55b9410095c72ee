/**
 * The CQRS face of the pipeline: both doors dispatch ExecuteCommand on the CommandBus, and its
 * single handler runs the pipeline. Durable work never rides the in-memory event bus.
 */
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type Door, type Outcome } from './command-pipeline';
import type { CommandRunner } from './import/import-lines';

export class ExecuteCommand extends Command<Outcome> {
  constructor(
    readonly raw: unknown,
    readonly door: Door,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand, Outcome> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute(command: ExecuteCommand): Promise<Outcome> {
    return this.pipeline.execute(command.raw, command.door);
  }
}

/** The CommandBus as a CommandRunner, for a door that feeds commands one by one (the import). */
export const viaCommandBus = (bus: CommandBus): CommandRunner => ({
  execute: (raw, door) => bus.execute(new ExecuteCommand(raw, door)),
});
