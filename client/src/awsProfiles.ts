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
  return profileNamesIn(
    read(env.AWS_CONFIG_FILE || join(aws, 'config')),
    read(env.AWS_SHARED_CREDENTIALS_FILE || join(aws, 'credentials')),
  );
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

export interface AwsChoice {
  /** '' for the default credential chain. */
  profile: string;
  /** '' for the region the file says. */
  region: string;
}

type PickItem = { label: string; description?: string; value: string };
export type Pick = (items: PickItem[], options: { title: string; placeHolder?: string }) => Thenable<PickItem | undefined>;

/**
 * The two steps of the AWS picker (a profile, then a region): the choice, or undefined when either
 * step is dismissed. Nothing is saved here: the caller writes both settings, or none.
 */
export async function pickAwsProfileAndRegion(current: AwsChoice, profileNames: string[], pick: Pick): Promise<AwsChoice | undefined> {
  const inUse = (value: string, currentValue: string) => (value === currentValue ? 'in use' : undefined);
  const chain = { label: 'Default credential chain', description: 'AWS_PROFILE, environment keys, SSO, instance role', value: '' };
  const profiles = profileNames.map((name) => ({ label: name, description: inUse(name, current.profile), value: name }));
  const profile = await pick([chain, ...profiles], {
    title: 'AWS profile for Bedrock (1/2)',
    placeHolder: 'Profiles of ~/.aws/config and ~/.aws/credentials',
  });
  if (!profile) return undefined;
  const fromFile = { label: 'From the file', description: 'the amazon-bedrock baseUrl, then AWS_REGION, then us-east-1', value: '' };
  const regions = BEDROCK_REGIONS.map((region) => ({ label: region, description: inUse(region, current.region), value: region }));
  const region = await pick([fromFile, ...regions], { title: 'AWS region for Bedrock (2/2)' });
  return region ? { profile: profile.value, region: region.value } : undefined;
}
