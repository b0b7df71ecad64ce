import { LabIcon } from '@jupyterlab/ui-components';
import awsSparkMLSvg from '../style/icons/aws-spark-ml.svg';

/** The sidebar's icon: a cloud with a spark. */
export const awsSparkMLIcon = new LabIcon({
  name: 'jupyterlab-aws-spark-ml:icon',
  svgstr: awsSparkMLSvg
});
