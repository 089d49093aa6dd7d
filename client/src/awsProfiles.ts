import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/*
 * The AWS profiles a user has, as the AWS CLI and SDK read them: `[profile name]` and `[default]` in
 * ~/.aws/config, `[name]` in ~/.aws/credentials (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move
 * them). No vscode import: the client's UI uses it, tests read it directly.
 */

export function profileNamesIn(configText: string, credentialsText: string): string[] {
  const names = new Set<string>();
  for (const [, section] of configText.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) {
    if (section === 'default') names.add('default');
    else if (section!.startsWith('profile ')) names.add(section!.slice('profile '.length).trim());
  }
  for (const [, section] of credentialsText.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) names.add(section!);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

export function readProfileNames(env: NodeJS.ProcessEnv = process.env): string[] {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const aws = join(homedir(), '.aws');
  return profileNamesIn(read(env.AWS_CONFIG_FILE || join(aws, 'config')), read(env.AWS_SHARED_CREDENTIALS_FILE || join(aws, 'credentials')));
}

/** Regions where Bedrock runs text models (a pick list; any other region can be typed). */
export const BEDROCK_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'us-gov-west-1',
  'ca-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'me-central-1',
];
