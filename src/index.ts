import { attachPlugin } from './attach';
import { awsPlugin, statusPlugin } from './aws/plugin';
import { computePlugin } from './compute';
import { dataPlugin } from './data';
import { endpointsPlugin } from './endpoints';
import { sidebarPlugin } from './sidebar/plugin';
import { trainingPlugin } from './training';

export default [
  statusPlugin,
  awsPlugin,
  sidebarPlugin,
  computePlugin,
  attachPlugin,
  dataPlugin,
  trainingPlugin,
  endpointsPlugin
];
